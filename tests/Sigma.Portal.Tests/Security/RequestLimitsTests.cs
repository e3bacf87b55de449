using System.Net;
using System.Text;
using Sigma.Portal.Infrastructure.Security;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Security;

/// <summary>
/// The real forms (the anonymous login form and the administrator's CSV upload) with bodies over the limits or that
/// cannot be read, on the in-memory server and on Kestrel: 413 for a body over 6 MB, 400 for a form that breaks a
/// field limit or cannot be read, each with the friendly error page and the security headers; never a 404 or a 500.
/// </summary>
public sealed class RequestLimitsTests(PortalFactory memory, KestrelPortal kestrel) : IClassFixture<PortalFactory>, IClassFixture<KestrelPortal>
{
    private const string Boundary = "sigma-test-boundary";
    private const long AdminImportLimit = Sigma.Portal.Administration.Import.AdminImportController.MaxFileBytes;

    public static TheoryData<string> Servers => ["in-memory", "Kestrel"];

    public static TheoryData<string, string> ServersAndFieldLimits => new MatrixTheoryData<string, string>(
        ["in-memory", "Kestrel"], ["a field over 16 KB", "more than 200 fields", "a field name over 256 characters"]);

    public static TheoryData<string, string> ServersAndUnreadableForms => new MatrixTheoryData<string, string>(
        ["in-memory", "Kestrel"], ["a NUL in a field", "multipart without a boundary", "multipart with a broken boundary", "multipart cut off"]);

    [Theory]
    [MemberData(nameof(Servers))]
    [Trait("Attack", "ResourceExhaustion")]
    public async Task LoginForm_BodyOverTheLimit_Is413WithTheErrorPage(string server)
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = NewBrowser(server);
        var login = await browser.OpenAsync("/Account/Login", ct);
        SendBodyOnlyWhenAsked(browser);

        using var response = await browser.PostFormAsync(login, "form.login-form", new Dictionary<string, string>
        {
            ["Email"] = "iemand@test.example",
            ["Password"] = new string('A', (int)RequestLimits.MaxBodyBytes),
        }, ct);
        var page = await browser.FollowAsync(response, ct);

        AssertErrorPage(server, page, HttpStatusCode.RequestEntityTooLarge, "Te groot");
    }

    [Theory]
    [MemberData(nameof(ServersAndFieldLimits))]
    [Trait("Attack", "ResourceExhaustion")]
    public async Task LoginForm_OverAFieldLimit_Is400WithTheErrorPage(string server, string limit)
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = NewBrowser(server);
        var login = await browser.OpenAsync("/Account/Login", ct);
        var values = new Dictionary<string, string> { ["Email"] = "iemand@test.example", ["Password"] = "een wachtwoord van lengte" };
        switch (limit)
        {
            case "a field over 16 KB":
                values["Email"] = new string('a', RequestLimits.MaxFieldLength + 1);
                break;
            case "more than 200 fields":
                for (var field = 0; field < RequestLimits.MaxFields; field++)
                {
                    values[$"extra{field}"] = "x";
                }

                break;
            default:
                values[new string('k', 300)] = "x";
                break;
        }

        using var response = await browser.PostFormAsync(login, "form.login-form", values, ct);
        var page = await browser.FollowAsync(response, ct);

        AssertErrorPage(server, page, HttpStatusCode.BadRequest, "Verzoek niet verwerkt");
    }

    [Theory]
    [MemberData(nameof(ServersAndUnreadableForms))]
    [Trait("Attack", "HostileInput")]
    public async Task LoginForm_Unreadable_Is400WithTheErrorPage(string server, string form)
    {
        var ct = TestContext.Current.CancellationToken;
        var browser = NewBrowser(server);
        var login = await browser.OpenAsync("/Account/Login", ct);
        var token = Token(login);

        using var response = form == "a NUL in a field"
            ? await browser.PostFormAsync(login, "form.login-form", new Dictionary<string, string> { ["Email"] = "iemand\0@test.example", ["Password"] = "een wachtwoord van lengte" }, ct)
            : await browser.Client.PostAsync(new Uri("/Account/Login", UriKind.Relative), BrokenMultipart(form, token, "Email", "iemand@test.example"), ct);
        var page = await browser.FollowAsync(response, ct);

        AssertErrorPage(server, page, HttpStatusCode.BadRequest, "Verzoek niet verwerkt");
    }

    [Fact]
    [Trait("Attack", "ResourceExhaustion")]
    public async Task CsvUpload_BodyWithoutLengthOverTheLimit_Is413OnKestrel()
    {
        var ct = TestContext.Current.CancellationToken;
        var (browser, form) = await ImportFormAsync("Kestrel", ct);
        using var file = new StreamContent(new UnknownLengthStream(new MemoryStream(Csv(RequestLimits.MaxBodyBytes + 1))));
        file.Headers.TryAddWithoutValidation("Content-Type", "text/csv");
        // Without a length the body goes out chunked: Kestrel finds it too large only while the form is read.
        using var body = new MultipartFormDataContent(Boundary) { { new StringContent(Token(form)), "__RequestVerificationToken" }, { file, "file", "invitations.csv" } };

        using var response = await browser.Client.PostAsync(new Uri("/Admin/Invitations/Import", UriKind.Relative), body, ct);
        var page = await browser.FollowAsync(response, ct);

        Assert.Null(body.Headers.ContentLength);
        AssertErrorPage("Kestrel", page, HttpStatusCode.RequestEntityTooLarge, "Te groot");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    [Trait("Attack", "ResourceExhaustion")]
    public async Task CsvUpload_BodyOverTheLimit_Is413WithTheErrorPage(string server)
    {
        var ct = TestContext.Current.CancellationToken;
        var (browser, form) = await ImportFormAsync(server, ct);
        SendBodyOnlyWhenAsked(browser);

        var page = await browser.UploadAsync(form, "form.upload-form", "file", "invitations.csv", Csv(RequestLimits.MaxBodyBytes + 1), ct);

        AssertErrorPage(server, page, HttpStatusCode.RequestEntityTooLarge, "Te groot");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task CsvUpload_FileOverFiveMegabytes_IsRefusedOnTheImportPage(string server)
    {
        var ct = TestContext.Current.CancellationToken;
        var (browser, form) = await ImportFormAsync(server, ct);

        var page = await browser.UploadAsync(form, "form.upload-form", "file", "invitations.csv", Csv(AdminImportLimit + (256 * 1024)), ct);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Het bestand is groter dan 5 MB.", page.Text(".notice--error"));
    }

    [Theory]
    [MemberData(nameof(Servers))]
    [Trait("Attack", "HostileInput")]
    public async Task CsvUpload_BrokenMultipart_Is400WithTheErrorPage(string server)
    {
        var ct = TestContext.Current.CancellationToken;
        var (browser, form) = await ImportFormAsync(server, ct);

        using var response = await browser.Client.PostAsync(new Uri(form.Document.QuerySelector("form.upload-form")!.GetAttribute("action")!, UriKind.Relative),
            BrokenMultipart("multipart cut off", Token(form), "file", "email;name;type\n"), ct);
        var page = await browser.FollowAsync(response, ct);

        AssertErrorPage(server, page, HttpStatusCode.BadRequest, "Verzoek niet verwerkt");
    }

    private PortalBrowser NewBrowser(string server) => server == "Kestrel" ? kestrel.NewBrowser() : memory.NewBrowser();

    /// <summary>
    /// Expect: 100-continue, so the client sends the body only if the server reads it. Refused unread, a body over the
    /// limit is never read, and Kestrel closes the connection rather than take in more than its limit: a client that
    /// is still sending may then see the connection break before it reads the 413.
    /// </summary>
    private static void SendBodyOnlyWhenAsked(PortalBrowser browser) => browser.Client.DefaultRequestHeaders.ExpectContinue = true;

    private PortalFactory App(string server) => server == "Kestrel" ? kestrel.App : memory;

    private async Task<(PortalBrowser Browser, Page Form)> ImportFormAsync(string server, CancellationToken ct)
    {
        var administrator = await new AccountBuilder(App(server)).AsAdministrator().WithAuthenticatorAsync(ct);
        var browser = NewBrowser(server);
        await browser.SignInAsync(App(server), administrator, ct);
        return (browser, await browser.OpenAsync("/Admin/Invitations/Import", ct));
    }

    private static void AssertErrorPage(string server, Page page, HttpStatusCode status, string title)
    {
        Assert.Equal(status, page.Status);
        Assert.Equal(title, page.Text("h1"));
        SecurityHeadersTests.AssertSecurityHeaders(page.Response, transportSecurity: server != "Kestrel");
    }

    /// <summary>A CSV file of exactly <paramref name="bytes"/> bytes: a header and rows of valid invitations.</summary>
    private static byte[] Csv(long bytes)
    {
        var csv = new StringBuilder("email;name;type\n");
        for (var row = 0; csv.Length < bytes; row++)
        {
            csv.Append("persoon").Append(row).Append("@test.example;Naam;werknemer\n");
        }

        return Encoding.ASCII.GetBytes(csv.ToString()[..(int)bytes]);
    }

    /// <summary>The form's antiforgery token and one field as multipart that the form reader cannot finish.</summary>
    private static ByteArrayContent BrokenMultipart(string kind, string token, string field, string value)
    {
        var part = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
            + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"invitations.csv\"\r\nContent-Type: text/csv\r\n\r\n{value}\r\n";
        var (contentType, body) = kind switch
        {
            "multipart without a boundary" => ("multipart/form-data", part + $"--{Boundary}--\r\n"),
            "multipart with a broken boundary" => ($"multipart/form-data; boundary={Boundary}", part.Replace($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"", $"--{Boundary}-x\r\nContent-Disposition: form-data; name=\"{field}\"", StringComparison.Ordinal)),
            _ => ($"multipart/form-data; boundary={Boundary}", part),
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static string Token(Page page) => page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    /// <summary>A stream that does not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
