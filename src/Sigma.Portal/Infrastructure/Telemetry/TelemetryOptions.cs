using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Infrastructure.Telemetry;

/// <summary>
/// Section <c>Telemetry</c>. OTLP is switched on by the standard variable <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the
/// other <c>OTEL_*</c> variables); without it and without a Prometheus port the portal exports nothing.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// A port for Prometheus to scrape <c>/metrics</c> on, served by a listener of its own on
    /// <see cref="PrometheusAddress"/>, never by the portal's site.
    /// </summary>
    [Range(1, 65535, ErrorMessage = "Telemetry:PrometheusPort must be between 1 and 65535.")]
    public int? PrometheusPort { get; set; }

    /// <summary>The address the Prometheus listener binds; loopback unless the scraper runs elsewhere.</summary>
    [Required(ErrorMessage = "Telemetry:PrometheusAddress is required.")]
    public string PrometheusAddress { get; set; } = "127.0.0.1";
}
