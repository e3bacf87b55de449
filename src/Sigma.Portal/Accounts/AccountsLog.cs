namespace Sigma.Portal.Accounts;

/// <summary>Log messages of the accounts feature; event ids 1000-1999. User ids only: never a password, token or link.</summary>
internal static partial class AccountsLog
{
    [LoggerMessage(1001, LogLevel.Information, "Account {UserId} created ({AccountType})")]
    public static partial void AccountCreated(ILogger logger, Guid userId, AccountType accountType);

    [LoggerMessage(1002, LogLevel.Information, "Password set for user {UserId} from a {Purpose} link")]
    public static partial void PasswordSet(ILogger logger, Guid userId, AccountTokenPurpose purpose);

    [LoggerMessage(1003, LogLevel.Information, "Link refused for user {UserId} ({Purpose}): unknown, used, expired or for another account")]
    public static partial void TokenRefused(ILogger logger, Guid userId, AccountTokenPurpose purpose);

    [LoggerMessage(1004, LogLevel.Information, "Sign-in with an email address that has no active account")]
    public static partial void UnknownEmail(ILogger logger);

    [LoggerMessage(1005, LogLevel.Information, "Wrong password for user {UserId}")]
    public static partial void WrongPassword(ILogger logger, Guid userId);

    [LoggerMessage(1006, LogLevel.Warning, "User {UserId} locked out for {Duration}")]
    public static partial void LockedOut(ILogger logger, Guid userId, TimeSpan duration);

    [LoggerMessage(1007, LogLevel.Information, "Sign-in attempt on locked-out user {UserId}")]
    public static partial void LockedOutAttempt(ILogger logger, Guid userId);

    [LoggerMessage(1008, LogLevel.Information, "User {UserId} signed in")]
    public static partial void SignedIn(ILogger logger, Guid userId);

    [LoggerMessage(1009, LogLevel.Information, "Password reset link sent for user {UserId}")]
    public static partial void ResetRequested(ILogger logger, Guid userId);

    [LoggerMessage(1010, LogLevel.Information, "Activation link sent again for user {UserId}")]
    public static partial void ActivationResent(ILogger logger, Guid userId);

    [LoggerMessage(1011, LogLevel.Information, "User {UserId} signed out")]
    public static partial void SignedOut(ILogger logger, Guid userId);

    [LoggerMessage(1013, LogLevel.Debug, "Password step verified {Hashes} hash(es) and waits {Duration} for {Waited} more")]
    public static partial void PasswordStepPaced(ILogger logger, int hashes, TimeSpan duration, int waited);

    [LoggerMessage(1012, LogLevel.Warning, "Password hashing is at its limit (waiting room full or waited too long): a sign-in was refused with 503")]
    public static partial void PasswordWorkFull(ILogger logger);

    [LoggerMessage(1016, LogLevel.Error, "Link request {RequestId} could not be handled and was dropped")]
    public static partial void LinkRequestDropped(ILogger logger, Guid requestId, Exception exception);

    [LoggerMessage(1014, LogLevel.Error, "Handling link requests failed; they wait for the next cycle")]
    public static partial void LinkRequestCycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(1015, LogLevel.Warning, "A {Purpose} link asked for user {UserId} was not sent: the account had its links for now")]
    public static partial void LinkRequestHeldBack(ILogger logger, Guid userId, AccountTokenPurpose purpose);
}
