namespace Sigma.Portal.Accounts.Invitations;

/// <summary>What an administrator (or the create-admin command) fills in for a new account.</summary>
public sealed record NewAccount
{
    public required string Email { get; init; }

    public required string DisplayName { get; init; }

    public required AccountType AccountType { get; init; }

    /// <summary>The client company; required for employers, ignored for others.</summary>
    public string? Organisation { get; init; }

    /// <summary>"nl" or "en".</summary>
    public string Language { get; init; } = "nl";

    /// <summary>The administrator who creates it; null for the create-admin command.</summary>
    public Guid? CreatedBy { get; init; }
}
