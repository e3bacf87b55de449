using System.Diagnostics.Metrics;

namespace Sigma.Portal.Sessions;

/// <summary>
/// Meter <c>sigma.portal.sessions</c>: signed-in sessions still valid (not ended, not idle, not too old), read from the
/// database when collected. Every instance reads the same table, so take the maximum across instances.
/// </summary>
public sealed class SessionMetrics
{
    private readonly IServiceScopeFactory _scopes;

    public SessionMetrics(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _scopes = scopes;
        meters.Create(PortalMeters.Sessions)
            .CreateObservableGauge("sigma.portal.sessions.active", Active, "{session}", "Signed-in sessions that are still valid.");
    }

    // On the exporter's thread, not a request's: a short synchronous count.
    private int Active()
    {
        using var scope = _scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<UserSessions>().CountActive();
    }
}
