namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// What follows a correct password. The accounts feature ends at the password: the two-factor feature, which builds on
/// it, supplies the next step, so the password pages never name its pages.
/// </summary>
public interface IAfterPassword
{
    /// <returns>The local address of the next step for the account whose password was just verified in this browser.</returns>
    Task<string> BeginAsync(HttpContext http, PortalUser account, string? returnUrl, CancellationToken ct);
}
