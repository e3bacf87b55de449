namespace Sigma.Portal.Data.TwoFactor;

public enum AuthenticatorStatus
{
    /// <summary>Shown as a QR code, not yet confirmed with a code: cannot be used to sign in.</summary>
    Pending = 1,

    /// <summary>Confirmed; the one authenticator that signs the account in.</summary>
    Active = 2,

    /// <summary>Replaced by a new phone or reset by an administrator.</summary>
    Revoked = 3,
}
