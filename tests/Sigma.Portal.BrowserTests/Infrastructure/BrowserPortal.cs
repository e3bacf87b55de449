using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The real portal on Kestrel at https://127.0.0.1 on a free port (the Test environment, its own SQLite file, the SMTP sink
/// on loopback), and Debian's Chromium driven by Playwright. One per test class, so each journey has its own clock
/// and database.
/// </summary>
public sealed class BrowserPortal : IAsyncLifetime
{
    /// <summary>Where Chromium is; <c>SIGMA_CHROMIUM</c> overrides Debian's path.</summary>
    public static string ChromiumPath => System.Environment.GetEnvironmentVariable("SIGMA_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserPortal()
    {
        var port = FreePort();
        BaseUrl = new Uri($"https://127.0.0.1:{port}");
        App = new PortalFactory();
        App.Settings["Portal:PublicBaseUrl"] = BaseUrl.ToString();
        var certificate = SelfSignedCertificate();
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
    }

    public PortalFactory App { get; }

    public Uri BaseUrl { get; }

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install it with 'apt-get install chromium' (tests/run.sh does this as root) or set SIGMA_CHROMIUM.");
        }

        await App.InitializeAsync();
        App.StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container has no user namespace for Chromium's sandbox.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A person with a browser of their own (own cookies, own client address).</summary>
    public Task<Visitor> VisitorAsync(string name, VisitorOptions? options = null) => Visitor.OpenAsync(this, name, options ?? new VisitorOptions());

    /// <summary>The code an authenticator app shows now for <paramref name="key"/>, a fresh time step each time.</summary>
    public string NextCode(string key)
    {
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        return TestTotp.CodeAt(key, App.Clock.GetUtcNow());
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        // A certificate with an ephemeral key cannot serve TLS on every platform; a PKCS#12 round trip makes it persistent.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
