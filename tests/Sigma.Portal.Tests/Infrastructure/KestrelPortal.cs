using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// The real portal on Kestrel at https://127.0.0.1 on a free port (the Test environment, its own SQLite file, the SMTP
/// sink on loopback), with browsers that talk to it over sockets. What the in-memory server lets pass and a real server
/// refuses shows here: a header Kestrel cannot send, a request line too long to follow, a body over Kestrel's limit.
/// </summary>
public sealed class KestrelPortal : IAsyncLifetime
{
    private readonly X509Certificate2 _certificate;

    public KestrelPortal()
    {
        var port = FreePort();
        BaseUrl = new Uri($"https://127.0.0.1:{port}");
        _certificate = SelfSignedCertificate();
        App = new PortalFactory();
        App.Settings["Portal:PublicBaseUrl"] = BaseUrl.ToString();
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(_certificate)));
    }

    public PortalFactory App { get; }

    public Uri BaseUrl { get; }

    /// <summary>The thumbprint of the portal's certificate, for clients that must trust exactly this server.</summary>
    public string CertificateHash => _certificate.GetCertHashString();

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        App.StartServer();
    }

    /// <summary>A browser of its own over a real connection: own cookies, own client address, no automatic redirects.</summary>
    public PortalBrowser NewBrowser()
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificate.GetCertHashString() },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, TestClientAddress.NewAddress().ToString());
        return new PortalBrowser(client, cookies);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _certificate.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A certificate for https://127.0.0.1, valid for a day either side of now.</summary>
    public static X509Certificate2 SelfSignedCertificate()
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
