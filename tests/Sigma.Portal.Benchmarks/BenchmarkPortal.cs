using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// The test suite's portal (a fresh SQLite file, a clock that moves only when told) in Production, so the password
/// hash has its real cost, without the background dispatchers (email, link requests), so what is measured is the
/// portal's own work, and with warnings-only logging, as deployed.
/// </summary>
internal static class BenchmarkPortal
{
    public static async Task<PortalFactory> StartAsync()
    {
        var portal = new PortalFactory { ManualDispatch = true, Environment = "Production" };
        portal.Settings["Logging:LogLevel:Default"] = "Warning";
        await portal.InitializeAsync();
        _ = portal.Services;
        return portal;
    }
}
