namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>The outcome of confirming a new authenticator with its first code.</summary>
public sealed record EnrolmentResult
{
    public bool Confirmed { get; init; }

    /// <summary>New recovery codes, when this was the account's first authenticator; null when a phone was replaced.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; init; }

    public static EnrolmentResult Refused { get; } = new();
}
