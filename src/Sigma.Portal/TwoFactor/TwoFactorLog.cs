namespace Sigma.Portal.TwoFactor;

/// <summary>Log messages of two-factor; event ids 2000-2999. Never a secret, code, recovery code or otpauth URI.</summary>
internal static partial class TwoFactorLog
{
    [LoggerMessage(2001, LogLevel.Information, "Authenticator code rejected for user {UserId}")]
    public static partial void CodeRejected(ILogger logger, Guid userId);

    [LoggerMessage(2002, LogLevel.Warning, "Replayed authenticator code refused for user {UserId}")]
    public static partial void CodeReplayed(ILogger logger, Guid userId);

    [LoggerMessage(2003, LogLevel.Information, "Authenticator set up for user {UserId}")]
    public static partial void AuthenticatorActivated(ILogger logger, Guid userId);

    [LoggerMessage(2004, LogLevel.Information, "Authenticator replaced for user {UserId}")]
    public static partial void AuthenticatorReplaced(ILogger logger, Guid userId);

    [LoggerMessage(2005, LogLevel.Information, "Recovery code used by user {UserId}; {Remaining} left")]
    public static partial void RecoveryCodeUsed(ILogger logger, Guid userId, int remaining);

    [LoggerMessage(2006, LogLevel.Information, "Recovery code rejected for user {UserId}")]
    public static partial void RecoveryCodeRejected(ILogger logger, Guid userId);

    [LoggerMessage(2007, LogLevel.Information, "New recovery codes for user {UserId}")]
    public static partial void RecoveryCodesRenewed(ILogger logger, Guid userId);

    [LoggerMessage(2008, LogLevel.Information, "Two-factor setup skipped by user {UserId} (not yet required)")]
    public static partial void SetupSkipped(ILogger logger, Guid userId);

    [LoggerMessage(2009, LogLevel.Information, "User {UserId} re-authenticated for a settings change")]
    public static partial void Reauthenticated(ILogger logger, Guid userId);

    [LoggerMessage(2010, LogLevel.Information, "New phone setup cancelled by user {UserId}")]
    public static partial void NewPhoneCancelled(ILogger logger, Guid userId);

    [LoggerMessage(2011, LogLevel.Warning, "Administrator {AdministratorId} reset two-factor of user {UserId}")]
    public static partial void TwoFactorReset(ILogger logger, Guid administratorId, Guid userId);

    [LoggerMessage(2012, LogLevel.Error, "Recording expired access passes failed; the next run tries again")]
    public static partial void AccessPassExpiryFailed(ILogger logger, Exception exception);

    [LoggerMessage(2013, LogLevel.Warning, "Passkey for user {UserId} refused: {Reason}")]
    public static partial void PasskeyRefused(ILogger logger, Guid userId, string reason);

    [LoggerMessage(2014, LogLevel.Information, "Passkey {Change} for user {UserId}")]
    public static partial void PasskeyChanged(ILogger logger, Guid userId, string change);
}
