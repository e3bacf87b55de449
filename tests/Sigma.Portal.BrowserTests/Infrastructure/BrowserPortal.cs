using Microsoft.Playwright;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The real portal on Kestrel at https://127.0.0.1 on a free port (<see cref="KestrelPortal"/>), and Debian's Chromium
/// driven by Playwright. One per test class, so each journey has its own clock and database.
/// </summary>
public class BrowserPortal : IAsyncLifetime
{
    /// <summary>Where Chromium is; <c>SIGMA_CHROMIUM</c> overrides Debian's path.</summary>
    public static string ChromiumPath => System.Environment.GetEnvironmentVariable("SIGMA_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly KestrelPortal _kestrel;
    private IPlaywright? _playwright;

    public BrowserPortal()
        : this("127.0.0.1")
    {
    }

    /// <summary>The portal under a host name that Chromium maps to 127.0.0.1, its certificate trusted by its key.</summary>
    protected BrowserPortal(string host) => _kestrel = KestrelPortal.ForHost(host);

    public PortalFactory App => _kestrel.App;

    public Uri BaseUrl => _kestrel.BaseUrl;

    /// <summary>The thumbprint of the portal's certificate: what an application beside it trusts.</summary>
    public string CertificateHash => _kestrel.CertificateHash;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}. Install it with 'apt-get install chromium' (tests/run.sh does this as root) or set SIGMA_CHROMIUM.");
        }

        await _kestrel.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container has no user namespace for Chromium's sandbox. A host name other than 127.0.0.1 is
            // mapped to it, and the portal's certificate trusted by its key, so the page has no certificate error
            // (WebAuthn refuses such a page, and an IP address as relying party).
            Args =
            [
                "--no-sandbox",
                $"--host-resolver-rules=MAP {BaseUrl.Host} 127.0.0.1",
                $"--ignore-certificate-errors-spki-list={_kestrel.PublicKeyHash}",
            ],
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
        await _kestrel.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
