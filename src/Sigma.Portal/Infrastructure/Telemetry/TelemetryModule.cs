using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Sigma.Portal.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry metrics (ASP.NET Core, HttpClient, the runtime and the portal's own meters, <see cref="PortalMeters"/>)
/// offered to Prometheus and/or sent by OTLP, and traces (ASP.NET Core, HttpClient, EF Core, SMTP sends) sent by OTLP,
/// each only when configured. Unconfigured, nothing is registered, so a portal without telemetry pays nothing for it.
/// Logs go to the console as plain text or, by configuration, as JSON lines.
/// </summary>
internal static class TelemetryModule
{
    public static WebApplicationBuilder AddPortalTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations();
        // Logging:Console:FormatterName=json switches the console to one JSON object per line. Its scopes carry the
        // request's TraceId, which is the reference an error page shows; the timestamp is UTC, as a SIEM wants it.
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && options.PrometheusPort is null)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                "sigma-portal",
                serviceVersion: PortalVersion.Current,
                // Machine and process: two instances on one host are still two.
                serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter(PortalMeters.All)
                    .AddInstrumentation(sp => sp.GetServices<PortalMeterOwner>().Select(owner => sp.GetRequiredService(owner.Type)).ToList());
                if (options.PrometheusPort is { } port)
                {
                    // A listener of its own, outside the site's pipeline: the public address never answers /metrics.
                    metrics.AddPrometheusHttpListener(listener =>
                    {
                        listener.Host = options.PrometheusAddress;
                        listener.Port = port;
                    });
                }
            });
        if (otlp)
        {
            // Traces only where they can go: Prometheus takes metrics alone, and a trace of every request recorded for
            // nobody is work for nothing.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // SQL with its parameters as placeholders, never their values.
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(PortalActivitySources.All)).UseOtlpExporter();
        }

        return builder;
    }
}
