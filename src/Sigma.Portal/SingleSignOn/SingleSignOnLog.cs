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

    [LoggerMessage(7005, LogLevel.Information, "Token signing key {KeyId} created and kept in the database")]
    public static partial void SigningKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(7006, LogLevel.Error, "The applications' sites could not be read for the content security policy; the last ones read stay")]
    public static partial void OriginsNotRead(ILogger logger, Exception exception);

    [LoggerMessage(7007, LogLevel.Error, "The token keys could not be read; until they are, tokens are signed with keys of this process alone")]
    public static partial void TokenKeysUnavailable(ILogger logger, Exception exception);
}
