namespace Sigma.Portal.Audit;

/// <summary>Every kind of security event the portal records. Stored by name; never renumber or rename.</summary>
public enum AuditEventType
{
    AccountCreated,
    InvitationSent,
    InvitationResent,
    AccountActivated,
    SignInSucceeded,
    SignInFailed,
    SignedOut,
    LockedOut,
    AccountUnlocked,
    PasswordResetRequested,
    PasswordChanged,
    TwoFactorSetUp,
    TwoFactorReplaced,
    TwoFactorReset,
    RecoveryCodeUsed,
    RecoveryCodesRenewed,
    AccessPassIssued,
    AccessPassUsed,
    AccessPassRejected,
    AccessPassExpired,
    AccountDeactivated,
    AccountReactivated,
    AccountUpdated,
    EmailRetried,
    CommentHidden,
    LinkRequestHeldBack,
}
