using System.Diagnostics;

namespace Sigma.Portal.Infrastructure.Telemetry;

/// <summary>
/// The portal's own trace sources, for work no library traces: handing an email to the SMTP server (MailKit has no
/// instrumentation of its own). Traced only when OTLP is on; otherwise no listener, and starting an activity costs nothing.
/// </summary>
public static class PortalActivitySources
{
    public static readonly ActivitySource Email = new("sigma.portal.email");

    public static readonly string[] All = [Email.Name];
}
