using Sigma.Portal.SingleSignOn.Applications;

namespace Sigma.Portal.Home;

public sealed record HomeViewModel
{
    public required string DisplayName { get; init; }

    public required string Email { get; init; }

    public required AccountType AccountType { get; init; }

    public string? Organisation { get; init; }

    /// <summary>The applications this account may open, by name; empty until Sigma or the employer sets them up.</summary>
    public IReadOnlyList<PortalApplication> Applications { get; init; } = [];

    public bool TwoFactorActive { get; init; }
}
