namespace Sigma.Portal.Accounts.Passwords;

public sealed record SetPasswordViewModel
{
    public required AccountTokenPurpose Purpose { get; init; }

    public required Guid User { get; init; }

    public required string Token { get; init; }

    /// <summary>The link's own account, named on the page ("Werkgever, Bouwbedrijf De Vries").</summary>
    public PortalUser? Account { get; init; }

    /// <summary>Always empty: a password is never sent back to the browser.</summary>
    public string Password => "";

    public string ConfirmPassword => "";
}
