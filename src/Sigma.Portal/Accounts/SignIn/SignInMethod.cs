namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// How a person proved who they are, as the session records it: the <c>amr</c> values of RFC 8176 that single sign-on
/// passes on in the ID token, and the short name the audit trail keeps. A passkey is "pop" (proof of possession of a
/// key) rather than "hwk": without attestation the portal does not know whether the key lives in hardware.
/// </summary>
/// <param name="AuditName">The audit event's detail ("mfa" and "pwd" are the names older events carry).</param>
/// <param name="References">The <c>amr</c> values; "mfa" whenever two factors were shown.</param>
public sealed record SignInMethod(string AuditName, IReadOnlyList<string> References)
{
    public const string MultiFactor = "mfa";

    public const string ProofOfPossession = "pop";

    public static readonly SignInMethod PasswordAndCode = new("mfa", ["pwd", "otp", MultiFactor]);

    /// <summary>Only while two-factor is not yet required and the person skipped setting it up.</summary>
    public static readonly SignInMethod PasswordOnly = new("pwd", ["pwd"]);

    /// <summary>A passkey with user verification: the device and its PIN, face or fingerprint, two factors in one.</summary>
    public static readonly SignInMethod Passkey = new("passkey", [ProofOfPossession, MultiFactor]);

    /// <summary>A password, then a passkey at the code step instead of the code.</summary>
    public static readonly SignInMethod PasswordAndPasskey = new("pwd+passkey", ["pwd", ProofOfPossession, MultiFactor]);
}
