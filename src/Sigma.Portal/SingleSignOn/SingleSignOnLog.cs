namespace Sigma.Portal.SingleSignOn;

/// <summary>Log messages of single sign-on; event ids 7000-7999. Never a code, token, secret or id_token_hint.</summary>
internal static partial class SingleSignOnLog
{
    [LoggerMessage(7001, LogLevel.Information, "Account {UserId} signed in to application {ClientId}")]
    public static partial void SignedInToApplication(ILogger logger, Guid userId, string clientId);

    [LoggerMessage(7002, LogLevel.Warning, "Application {ClientId} refused for account {UserId}: {Reason}")]
    public static partial void ApplicationRefused(ILogger logger, string? clientId, Guid? userId, string reason);

    [LoggerMessage(7003, LogLevel.Information, "Token request of {ClientId} refused: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string? clientId, string reason);

    [LoggerMessage(7004, LogLevel.Information, "Application {ClientId} registered or changed")]
    public static partial void ApplicationSaved(ILogger logger, string clientId);

    [LoggerMessage(7005, LogLevel.Information, "Token signing key {KeyId} made and kept in the database")]
    public static partial void SigningKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(7006, LogLevel.Error, "The applications' sites could not be read for the content security policy; the last ones read stay")]
    public static partial void OriginsNotRead(ILogger logger, Exception exception);

    [LoggerMessage(7007, LogLevel.Error, "The token keys could not be read; until they are, tokens are signed with keys of this process alone")]
    public static partial void TokenKeysUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(7008, LogLevel.Information, "Session {SessionId} ended: its sign-in to {ClientId} is revoked")]
    public static partial void SessionEndedForApplication(ILogger logger, Guid sessionId, string clientId);

    [LoggerMessage(7009, LogLevel.Information, "Back-channel logout of session {SessionId} delivered to {ClientId}")]
    public static partial void LogoutDelivered(ILogger logger, string clientId, Guid sessionId);

    [LoggerMessage(7010, LogLevel.Warning, "Back-channel logout of session {SessionId} to {ClientId} failed (attempt {Attempt}, given up: {Dead}): {Error}")]
    public static partial void LogoutNotDelivered(ILogger logger, string clientId, Guid sessionId, int attempt, bool dead, string error);

    [LoggerMessage(7011, LogLevel.Error, "Handling ended sessions failed; it is tried again at the next cycle")]
    public static partial void SessionEndFailed(ILogger logger, Exception exception);

    [LoggerMessage(7012, LogLevel.Information, "Pruned {Tokens} tokens, {Authorizations} authorizations and {SignIns} ended sign-ins")]
    public static partial void Pruned(ILogger logger, long tokens, long authorizations, int signIns);

    [LoggerMessage(7013, LogLevel.Error, "Pruning the provider's tables failed; it tries again at its next run")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(7014, LogLevel.Information, "Token keys read: {KeyId} signs, {Published} more published for validation")]
    public static partial void SigningKeysRead(ILogger logger, string keyId, int published);
}
