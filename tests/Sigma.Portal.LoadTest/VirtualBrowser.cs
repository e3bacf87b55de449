using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace Sigma.Portal.LoadTest;

/// <summary>
/// One visitor as the server sees a browser: its own connection, its cookies (kept here, so a new visitor can reuse
/// the connection with an empty jar), redirects followed with the cookies they set, and the antiforgery token read
/// from each form.
/// </summary>
internal sealed partial class VirtualBrowser(HttpClient client) : IDisposable
{
    private const int MaxRedirects = 5;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>
    /// A browser for <paramref name="baseAddress"/> that trusts the system's CAs and, when given, the portal's own
    /// certificate. Each visitor names an address of its own in X-Forwarded-For, as behind a proxy: a portal told that
    /// 127.0.0.1 is its proxy then counts each visitor as its own client for the per-client rate limits.
    /// </summary>
    public static VirtualBrowser For(Uri baseAddress, X509Certificate2? trusted)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || IsTrusted(certificate, trusted) },
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", new IPAddress([10, .. RandomNumberGenerator.GetBytes(3)]).ToString());
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return new VirtualBrowser(client);
    }

    /// <summary>A new visitor on the same connection: no cookies.</summary>
    public void Forget() => _cookies.Clear();

    public Task<Page> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<Page> PostFormAsync(string path, Page form, IEnumerable<KeyValuePair<string, string>> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", form.AntiforgeryToken())]),
        });

    /// <summary>What a single sign-on scenario keeps between its operations (the refresh token).</summary>
    public string? Kept { get; set; }

    /// <summary>The passkey scenario's device: the visitor's passkey, added at its first operation.</summary>
    public Sigma.Portal.Tests.Infrastructure.SoftwareAuthenticator? Passkey { get; set; }

    /// <summary>A GET whose answer is a redirect to another site (an application): its status and Location, not followed.</summary>
    public async Task<(int Status, Uri? Location)> RedirectOfAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
        }

        using var response = await client.SendAsync(request);
        Remember(response);
        return ((int)response.StatusCode, response.Headers.Location);
    }

    /// <summary>A back-channel POST, as an application's server makes it: no cookies, the JSON answer as it is.</summary>
    public async Task<(int Status, string Body)> PostTokenRequestAsync(string path, IEnumerable<KeyValuePair<string, string>> form)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose()
    {
        Passkey?.Dispose();
        client.Dispose();
    }

    private async Task<Page> SendAsync(HttpRequestMessage first)
    {
        var request = first;
        for (var hop = 0; ; hop++)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
            }

            using var response = await client.SendAsync(request);
            request.Dispose();
            Remember(response);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 && hop < MaxRedirects && response.Headers.Location is { } location)
            {
                request = new HttpRequestMessage(HttpMethod.Get, location);
                continue;
            }

            var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString.Split('?')[0];
            return new Page(status, path, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The portal on 127.0.0.1 runs on a self-signed certificate made by run.sh: trusted by its fingerprint only.</summary>
    private static bool IsTrusted(X509Certificate? presented, X509Certificate2? trusted) =>
        presented is not null && trusted is not null
        && CryptographicOperations.FixedTimeEquals(presented.GetCertHash(HashAlgorithmName.SHA256), trusted.GetCertHash(HashAlgorithmName.SHA256));

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }

        foreach (var cookie in cookies)
        {
            var pair = cookie.Split(';', 2)[0].Split('=', 2);
            var expired = cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (expired || pair[1].Length == 0)
            {
                _cookies.Remove(pair[0]);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }
    }

    internal sealed partial record Page(int Status, string Path, string Html)
    {
        public bool Ok => Status == (int)HttpStatusCode.OK;

        public string AntiforgeryToken() =>
            TokenPattern().Match(Html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidDataException($"No form on {Path} ({Status}).");

        [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}
