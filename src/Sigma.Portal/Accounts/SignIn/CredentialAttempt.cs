namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// One attempt at an account's credential, taken from <see cref="LockoutCounter.BeginAsync"/> before the credential is
/// evaluated. Not <see cref="Allowed"/>: the credential must not be looked at; <see cref="LockedUntil"/> says until when
/// when the account is locked (null while the last attempts are still being evaluated elsewhere).
/// </summary>
public sealed record CredentialAttempt(Guid UserId, bool Allowed, bool Counted, DateTimeOffset? LockedUntil);
