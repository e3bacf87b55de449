namespace Sigma.Portal.Administration.Accounts;

/// <summary>What an administrator may change on an account.</summary>
public sealed record AccountChanges
{
    public required AccountType AccountType { get; init; }

    public string? Organisation { get; init; }

    public required string Language { get; init; }
}
