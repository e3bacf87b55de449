namespace Sigma.Portal.Accounts.Passwords;

/// <summary>The password was set (with the login name to prefill), the link was not valid, or the password broke rules.</summary>
public sealed record PasswordSetupResult
{
    public string? Email { get; init; }

    public bool InvalidLink { get; init; }

    public IReadOnlyList<string> PasswordErrors { get; init; } = [];

    public bool Succeeded => Email is not null;
}
