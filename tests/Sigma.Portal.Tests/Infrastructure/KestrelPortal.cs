using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// The real portal on Kestrel at https://127.0.0.1 on a free port (the Test environment, its own SQLite file, the SMTP
/// sink on loopback), with browsers that talk to it over sockets. Given a host name, the portal is addressed by that
/// name (still listening on 127.0.0.1), as WebAuthn needs: it refuses an IP address as relying party. What the in-memory server lets pass and a real server
/// refuses shows here: a header Kestrel cannot send, a request line too long to follow, a body over Kestrel's limit.
/// </summary>
public sealed class KestrelPortal : IAsyncLifetime
{
    private readonly X509Certificate2 _certificate;

    public KestrelPortal()
        : this("127.0.0.1")
    {
    }

    private KestrelPortal(string host)
    {
        var port = FreePort();
        BaseUrl = new Uri($"https://{host}:{port}");
        _certificate = SelfSignedCertificate(host);
        App = new PortalFactory();
        App.Settings["Portal:PublicBaseUrl"] = BaseUrl.ToString();
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(_certificate)));
    }

    /// <summary>The portal addressed as https://<paramref name="host"/>:port, still on 127.0.0.1.</summary>
    public static KestrelPortal ForHost(string host) => new(host);

    public PortalFactory App { get; }

    public Uri BaseUrl { get; }

    /// <summary>The thumbprint of the portal's certificate, for clients that must trust exactly this server.</summary>
    public string CertificateHash => _certificate.GetCertHashString();

    /// <summary>The SHA-256 of the certificate's public key, base64: what Chromium's --ignore-certificate-errors-spki-list takes.</summary>
    public string PublicKeyHash => Convert.ToBase64String(SHA256.HashData(_certificate.PublicKey.ExportSubjectPublicKeyInfo()));

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
            // Whatever the portal's host name, it listens on loopback.
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
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

    /// <summary>A certificate for https://127.0.0.1 (and the host name, if another), valid for a day either side of now.</summary>
    public static X509Certificate2 SelfSignedCertificate(string host = "127.0.0.1")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        if (!IPAddress.TryParse(host, out _))
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        // A certificate with an ephemeral key cannot serve TLS on every platform; a PKCS#12 round trip makes it persistent.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
