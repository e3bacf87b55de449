using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Tests.Builders;

/// <summary>An account a builder made, with what a test needs to act as its owner.</summary>
public sealed record TestAccount
{
    public required Guid Id { get; init; }

    public required string Email { get; init; }

    public required string DisplayName { get; init; }

    public required AccountType AccountType { get; init; }

    /// <summary>The activation link from creation; used up when the account was activated by the builder.</summary>
    public required Uri ActivationLink { get; init; }

    /// <summary>The password, once activated.</summary>
    public string? Password { get; init; }

    /// <summary>The authenticator's key as the setup screen shows it, once one is set up.</summary>
    public string? AuthenticatorKey { get; init; }

    /// <summary>The recovery codes shown after the authenticator was set up.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; init; } = [];
}
