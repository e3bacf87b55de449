using System.Diagnostics.Metrics;
using Sigma.Portal.Audit;

namespace Sigma.Portal.Accounts;

/// <summary>Meter <c>sigma.portal.accounts</c>: accounts created and activated, from their committed audit events.</summary>
public sealed class AccountMetrics : AuditEventCounters
{
    public AccountMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(PortalMeters.Accounts);
        Count(AuditEventType.AccountCreated, meter.CreateCounter<long>("sigma.portal.accounts.created", "{account}", "Accounts created by an administrator or an import."));
        Count(AuditEventType.AccountActivated, meter.CreateCounter<long>("sigma.portal.accounts.activations", "{account}", "Accounts activated: the person chose a password from the email link."));
    }
}
