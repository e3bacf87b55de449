namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>The outcome of a code at sign-in.</summary>
public sealed record SecondFactorResult
{
    public bool Accepted { get; init; }

    /// <summary>Set when the account is locked: by this attempt or an earlier one.</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Recovery codes left, after a recovery code was used.</summary>
    public int? RecoveryCodesLeft { get; init; }

    public static SecondFactorResult Refused { get; } = new();

    /// <summary>Refused: a right code, but of a time step already used.</summary>
    internal static SecondFactorResult ReplayedCode { get; } = new() { Replayed = true };

    internal bool Replayed { get; private init; }
}
