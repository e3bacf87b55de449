namespace Sigma.Portal.Administration.Accounts;

public sealed record AccountListItem
{
    public required Guid Id { get; init; }

    public required string DisplayName { get; init; }

    public required string Email { get; init; }

    public required AccountType AccountType { get; init; }

    public string? Organisation { get; init; }

    public required AccountStatus Status { get; init; }

    public required bool HasAuthenticator { get; init; }

    public required DateTime CreatedUtc { get; init; }

    public DateTime? LastSignInUtc { get; init; }
}
