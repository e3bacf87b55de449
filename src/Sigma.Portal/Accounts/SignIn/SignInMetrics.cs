using System.Diagnostics.Metrics;

namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// Meter <c>sigma.portal.signin</c>: every credential attempt by step and outcome, and the lockouts they cause. The
/// tags are fixed words only, never an address, an account or a client, so a dashboard can be shared freely.
/// </summary>
public sealed class SignInMetrics
{
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _lockouts;

    public SignInMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(PortalMeters.SignIn);
        _attempts = meter.CreateCounter<long>("sigma.portal.signin.attempts", "{attempt}", "Credential attempts by step and outcome.");
        _lockouts = meter.CreateCounter<long>("sigma.portal.signin.lockouts", "{lockout}", "Accounts locked after too many failed attempts.");
    }

    /// <param name="step">One of <see cref="Steps"/>.</param>
    /// <param name="outcome">One of <see cref="Outcomes"/>.</param>
    public void Attempt(string step, string outcome) =>
        _attempts.Add(1, new KeyValuePair<string, object?>("sigma.step", step), new KeyValuePair<string, object?>("sigma.outcome", outcome));

    public void LockedOut() => _lockouts.Add(1);

    public static class Steps
    {
        public const string Password = "password";
        public const string Code = "code";
        public const string RecoveryCode = "recovery_code";
        public const string AccessPass = "access_pass";
        public const string Reauthentication = "reauthentication";
        public const string Passkey = "passkey";
    }

    public static class Outcomes
    {
        public const string Ok = "ok";
        public const string Wrong = "wrong";
        public const string Replayed = "replayed";
        public const string Locked = "locked";
        public const string UnknownAccount = "unknown_account";
        public const string Deactivated = "deactivated";
    }
}
