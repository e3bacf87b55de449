using System.Diagnostics.Metrics;
using Sigma.Portal.Audit;

namespace Sigma.Portal.TwoFactor;

/// <summary>
/// Meter <c>sigma.portal.twofactor</c>: second factors set up (a first authenticator, one on a new phone, a passkey)
/// and administrators' resets, from their committed audit events. A reset's reason is the administrator's own words,
/// so it is no label: the audit log has it.
/// </summary>
public sealed class TwoFactorMetrics : AuditEventCounters
{
    public TwoFactorMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(PortalMeters.TwoFactor);
        var setUps = meter.CreateCounter<long>("sigma.portal.twofactor.setups", "{setup}", "Second factors set up, by kind: first, new_phone, passkey.");
        Count(AuditEventType.TwoFactorSetUp, setUps, Kind("first"));
        Count(AuditEventType.TwoFactorReplaced, setUps, Kind("new_phone"));
        Count(AuditEventType.PasskeyAdded, setUps, Kind("passkey"));
        Count(AuditEventType.TwoFactorReset, meter.CreateCounter<long>("sigma.portal.twofactor.resets", "{reset}", "Lost-phone resets by an administrator."));
    }

    private static KeyValuePair<string, object?> Kind(string kind) => new("sigma.kind", kind);
}
