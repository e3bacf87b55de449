using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Telemetry;

/// <summary>
/// Telemetry:PrometheusPort: /metrics on a listener of its own, with the portal's meters; the site itself never answers
/// it. Without configuration no telemetry is registered at all.
/// </summary>
public sealed class PrometheusTests : IAsyncLifetime
{
    private readonly int _port = KestrelPortal.FreePort();
    private readonly PortalFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Telemetry:PrometheusPort"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Metrics_OnTheirOwnPort_CarryTheSignIns_AndTheSiteDoesNotServeThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        await _app.NewBrowser().SignInAsync(_app, account, ct);
        using var scraper = new HttpClient();

        var metrics = await scraper.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/metrics"), ct);
        using var site = _app.CreateClient();
        using var onTheSite = await site.GetAsync(new Uri("/metrics", UriKind.Relative), ct);

        Assert.Contains("sigma_portal_signin_attempts_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("sigma_outcome=\"ok\",sigma_step=\"code\"", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
        // The gauges read at collection exist from the start, before anything touched their features.
        Assert.Contains("sigma_portal_sessions_active", metrics, StringComparison.Ordinal);
        Assert.Contains("sigma_portal_email_unsent{", metrics, StringComparison.Ordinal);
        Assert.Contains("sigma_portal_email_oldest_unsent_age_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("sigma_portal_password_hash_waiting", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(account.Email, metrics, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, onTheSite.StatusCode);
    }

    [Fact]
    public async Task WithoutConfiguration_NoTelemetryIsRegistered()
    {
        await using var quiet = new PortalFactory();
        await quiet.InitializeAsync();

        Assert.Null(quiet.Services.GetService<MeterProvider>());
        Assert.NotNull(_app.Services.GetService<MeterProvider>());
    }
}
