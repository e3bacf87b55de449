using System.Net;
using System.Text;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.SignIn;

namespace Sigma.Portal.Tests.Reliability;

/// <summary>
/// Every POST endpoint of the running app (read from its endpoint data sources) and every page with a query string,
/// sent hostile input with a valid antiforgery token and the sign-in it needs: never a 500, never a payload echoed
/// unencoded.
/// </summary>
public sealed class HostileInputTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private const string Script = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)>";

    /// <summary>Every field name any form of the portal posts, so each form receives the payload in its own fields.</summary>
    private static readonly string[] Fields =
    [
        "Email", "Password", "ConfirmPassword", "ReturnUrl", "returnUrl", "Code", "RecoveryCode", "AccessPass", "User", "Token",
        "Language", "AccountType", "DisplayName", "Organisation", "Reason", "Body", "Next", "Search", "q",
    ];

    public static TheoryData<string> Payloads => ["missing", "empty", "huge", "invalid-utf8", "control", "unicode", "script", "sql", "wrong-types", "duplicates"];

    [Theory]
    [MemberData(nameof(Payloads))]
    [Trait("Attack", "HostileInput")]
    public async Task EveryPostEndpoint_WithHostileInput_AnswersWithoutAServerErrorOrUnencodedEcho(string payload)
    {
        var ct = TestContext.Current.CancellationToken;
        var sessions = await SessionsAsync(ct);
        var endpoints = EndpointCatalog.All(app.Services).Where(e => e.Method == "POST").ToList();

        foreach (var endpoint in endpoints)
        {
            var (browser, token) = endpoint.AllowsAnonymous ? sessions.Anonymous
                : endpoint.Schemes.Contains(TwoFactorSchemes.PasswordVerified) ? sessions.PasswordStep
                : endpoint.Path.StartsWith("/Account/Logout", StringComparison.Ordinal) ? sessions.Anonymous
                : sessions.Administrator;
            using var content = Body(payload, token);
            using var response = await browser.Client.PostAsync(new Uri(endpoint.Path, UriKind.Relative), content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);

            Assert.True((int)response.StatusCode < 500, $"{endpoint} with {payload}: {(int)response.StatusCode}");
            Assert.DoesNotContain(Script, body, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Attack", "HostileInput")]
    public async Task EveryGetEndpoint_WithHostileQueryStrings_AnswersWithoutAServerErrorOrUnencodedEcho()
    {
        var ct = TestContext.Current.CancellationToken;
        var sessions = await SessionsAsync(ct);
        var query = "?" + string.Join('&', Fields.Select(f => $"{f}={Uri.EscapeDataString(Script)}")) + "&Page=-5&PageSize=99999&Sort=9&EventType=Nope&From=nonsense&TwoFactor=maybe";

        foreach (var endpoint in EndpointCatalog.All(app.Services).Where(e => e.Method == "GET"))
        {
            var (browser, _) = endpoint.AllowsAnonymous ? sessions.Anonymous : sessions.Administrator;
            using var response = await browser.Client.GetAsync(new Uri(endpoint.Path + query, UriKind.Relative), ct);
            var body = await response.Content.ReadAsStringAsync(ct);

            Assert.True((int)response.StatusCode < 500, $"{endpoint}: {(int)response.StatusCode}");
            if (response.Content.Headers.ContentType?.MediaType == "text/csv")
            {
                // The audit export: data, escaped for spreadsheets, served as a download that a browser never renders.
                Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
                continue;
            }

            Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("FOOBAR")]
    [Trait("Attack", "HostileInput")]
    public async Task UnusedMethods_AreRefusedWith405AndTheSecurityHeaders(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/Account/Login");

        using var response = await app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, POST", string.Join(", ", response.Content.Headers.Allow));
        Sigma.Portal.Tests.Security.SecurityHeadersTests.AssertSecurityHeaders(response);
    }

    private static HttpContent Body(string payload, string token)
    {
        IEnumerable<KeyValuePair<string, string>> fields = payload switch
        {
            "missing" => [],
            "empty" => Fields.Select(f => KeyValuePair.Create(f, "")),
            "huge" => Fields.Take(3).Select(f => KeyValuePair.Create(f, new string('A', 1024 * 1024))),
            "control" => Fields.Select(f => KeyValuePair.Create(f, "a\0b\u0001c\u001b[31md\r\ne\u202Ef")),
            "unicode" => Fields.Select(f => KeyValuePair.Create(f, string.Concat(Enumerable.Repeat("€😀ñ漢字ع", 2000)))),
            "script" => Fields.Select(f => KeyValuePair.Create(f, Script)),
            "sql" => Fields.Select(f => KeyValuePair.Create(f, "' OR 1=1; DROP TABLE AspNetUsers; --")),
            "wrong-types" => Fields.Select(f => KeyValuePair.Create(f, f is "User" ? "not-a-guid" : f is "AccountType" ? "999" : "-1")),
            "duplicates" => Fields.SelectMany(f => new[] { KeyValuePair.Create(f, "first"), KeyValuePair.Create(f, Script) }),
            _ => [],
        };

        if (payload == "invalid-utf8")
        {
            // Percent-encoded bytes that are not UTF-8, written by hand so nothing repairs them on the way.
            var raw = "__RequestVerificationToken=" + Uri.EscapeDataString(token) + "&" + string.Join('&', Fields.Select(f => f + "=%FF%FE%C3%28%ED%A0%80abc"));
            return new ByteArrayContent(Encoding.ASCII.GetBytes(raw)) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } };
        }

        return new FormUrlEncodedContent(fields.Prepend(KeyValuePair.Create("__RequestVerificationToken", token)));
    }

    private async Task<(Session Anonymous, Session PasswordStep, Session Administrator)> SessionsAsync(CancellationToken ct)
    {
        var anonymous = app.NewBrowser();
        var anonymousPage = await anonymous.OpenAsync("/Account/Login", ct);
        var admin = await AdminSession.StartAsync(app, ct);
        var adminPage = await admin.Browser.OpenAsync("/Admin/Accounts/New", ct);
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var halfway = app.NewBrowser();
        var verify = await halfway.PasswordStepAsync(person.Email, person.Password!, ct);
        return (new Session(anonymous, Token(anonymousPage)), new Session(halfway, Token(verify)), new Session(admin.Browser, Token(adminPage)));
    }

    private static string Token(Page page) => page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private sealed record Session(PortalBrowser Browser, string Token)
    {
        public void Deconstruct(out PortalBrowser browser, out string token) => (browser, token) = (Browser, Token);
    }
}
