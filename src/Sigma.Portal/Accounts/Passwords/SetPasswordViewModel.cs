namespace Sigma.Portal.Accounts.Passwords;

public sealed record SetPasswordViewModel
{
    public required AccountTokenPurpose Purpose { get; init; }

    public required Guid User { get; init; }

    public required string Token { get; init; }

    /// <summary>The login name and which account it is ("Werkgever, Bouwbedrijf De Vries"): the link's own account.</summary>
    public string? Account { get; init; }

    /// <summary>Always empty: a password is never sent back to the browser.</summary>
    public string Password => "";

    public string ConfirmPassword => "";
}
