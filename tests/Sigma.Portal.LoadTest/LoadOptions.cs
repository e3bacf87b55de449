using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Sigma.Portal.LoadTest;

internal sealed record LoadOptions(
    Target Target,
    Uri Url,
    string Scenario,
    string? UsersFile,
    int Concurrency,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Flood,
    int? ProcessId,
    X509Certificate2? Certificate,
    SsoClient? Client)
{
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = Arguments.Parse(args);
        var url = new Uri(arguments.Text("url"));
        // A load tool aimed at someone else's server is an attack: loopback only.
        if (!url.IsLoopback)
        {
            throw new ArgumentException("--url must point at this machine (127.0.0.1 or localhost).");
        }

        return new LoadOptions(
            Target.Named(arguments.Text("target", "portal")),
            url,
            arguments.Text("scenario", "login-page"),
            arguments.Optional("users"),
            arguments.Number("concurrency", 32),
            TimeSpan.FromSeconds(Math.Clamp(arguments.Number("duration", 20), 1, 600)),
            TimeSpan.FromSeconds(Math.Clamp(arguments.Number("warmup", 5), 0, 120)),
            arguments.Number("flood", 0),
            arguments.Optional("pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            arguments.Optional("certificate") is { } pem ? X509CertificateLoader.LoadCertificateFromFile(pem) : null,
            arguments.Optional("client-id") is { } clientId
                ? new SsoClient(clientId, arguments.Text("client-secret"), new Uri(arguments.Text("redirect-uri")))
                : null);
    }
}
