using System.Globalization;
using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Administration;

/// <summary>Every admin endpoint, read from the running app, tried by everyone who should not get in — and by an administrator.</summary>
public sealed class AdminAccessTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private IReadOnlyList<EndpointCatalog.Entry> AdminEndpoints =>
        [.. EndpointCatalog.All(app.Services).Where(e => e.Pattern.StartsWith("/Admin", StringComparison.Ordinal))];

    [Fact]
    public void AdminEndpoints_AllRequireTheAdministratorPolicy()
    {
        Assert.NotEmpty(AdminEndpoints);
        Assert.All(AdminEndpoints, e =>
        {
            Assert.False(e.AllowsAnonymous, e.ToString());
            Assert.Contains("Administrator", e.Roles);
        });
    }

    [Fact]
    public async Task AdminEndpoints_Anonymous_GoToTheLogin()
    {
        await AssertEveryEndpointAsync(app.NewBrowser(), ToTheLogin);
    }

    [Fact]
    [Trait("Attack", "PrivilegeEscalation")]
    public async Task AdminEndpoints_EmployeeAndEmployer_AreForbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var builder in new[] { new AccountBuilder(app), new AccountBuilder(app).AsEmployer() })
        {
            var account = await builder.WithAuthenticatorAsync(ct);
            var browser = app.NewBrowser();
            await browser.SignInAsync(app, account, ct);

            await AssertEveryEndpointAsync(browser, Forbidden);
            var page = await browser.OpenAsync("/Admin/Accounts", ct);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        }
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task AdminEndpoints_AdministratorWithPasswordAlone_GoToTheLogin()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await new AccountBuilder(app).AsAdministrator().WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.PasswordStepAsync(admin.Email, admin.Password!, ct);

        await AssertEveryEndpointAsync(browser, ToTheLogin);
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task AdminEndpoints_AdministratorWhoSkippedTwoFactor_AreForbidden()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var early = new PortalFactory();
        early.Settings["TwoFactor:RequiredFrom"] = (early.Clock.GetUtcNow() + TimeSpan.FromDays(30)).ToString("O", CultureInfo.InvariantCulture);
        await early.InitializeAsync();
        var admin = await new AccountBuilder(early).AsAdministrator().ActivatedAsync(ct);
        var browser = early.NewBrowser();
        var setup = await browser.PasswordStepAsync(admin.Email, admin.Password!, ct);
        await browser.SubmitAsync(setup, "form.skip-form", new Dictionary<string, string>(), ct);

        using var response = await browser.Client.GetAsync(new Uri("/Admin/Accounts", UriKind.Relative), ct);

        Forbidden(response);
    }

    [Fact]
    public async Task AdminPages_Administrator_CanOpenThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await new AccountBuilder(app).AsAdministrator().WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, admin, ct);

        foreach (var endpoint in AdminEndpoints.Where(e => e.Method == "GET" && e.Path != "/Admin"))
        {
            using var response = await browser.Client.GetAsync(new Uri(endpoint.Path, UriKind.Relative), ct);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{endpoint}: {(int)response.StatusCode}");
        }

        // The console's own address is its start page, not a 404.
        var start = await browser.OpenAsync("/Admin", ct);
        Assert.Equal("/Admin/Accounts", start.Url.AbsolutePath);

        var home = await browser.OpenAsync("/", ct);
        Assert.True(home.Has("a[href='/Admin/Accounts']"));
    }

    private static void ToTheLogin(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}");
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    // Refused where it was asked, with the error page drawn there: no redirect to an address anyone could open.
    private static void Forbidden(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode}");
        Assert.Null(response.Headers.Location);
    }

    private async Task AssertEveryEndpointAsync(PortalBrowser browser, Action<HttpResponseMessage> assertAnswer)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var endpoint in AdminEndpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path);
            using var response = await browser.Client.SendAsync(request, ct);

            assertAnswer(response);
        }
    }
}
