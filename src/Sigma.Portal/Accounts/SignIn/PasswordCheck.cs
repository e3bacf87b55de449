namespace Sigma.Portal.Accounts.SignIn;

/// <summary>The outcome of the password step: no account, one account, or several (an employee and an employer account).</summary>
public sealed record PasswordCheck(IReadOnlyList<PortalUser> Accounts)
{
    public static PasswordCheck Failed { get; } = new([]);

    public bool Succeeded => Accounts.Count > 0;
}
