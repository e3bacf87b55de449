namespace Sigma.Portal.Home;

public sealed record HomeViewModel
{
    public required string DisplayName { get; init; }

    public required string Email { get; init; }

    public required AccountType AccountType { get; init; }

    public string? Organisation { get; init; }
}
