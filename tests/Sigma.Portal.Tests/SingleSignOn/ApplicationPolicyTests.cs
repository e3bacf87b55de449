using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.SingleSignOn.Applications;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.SingleSignOn;

/// <summary>
/// What registered applications change in the content security policy: their sites join <c>form-action</c> (a browser
/// checks it on the redirect after the sign-in form), nothing else does, and a disabled one leaves again.
/// </summary>
public sealed class ApplicationPolicyTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task FormAction_AllowsTheSitesOfEnabledApplicationsOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var enabled = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var disabled = await TestApplication.RegisterAsync(app, "Oud systeem", ct);
        await app.WithScopeAsync(services => services.GetRequiredService<ApplicationRegistrar>().SetDisabledAsync(disabled.ClientId, disabled: true, actorId: null, ct));
        using var client = app.CreateClient();

        using var page = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative), ct);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        var formAction = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action ", StringComparison.Ordinal));

        Assert.Contains($"https://{enabled.RedirectUri.Authority}", formAction.Split(' '));
        Assert.DoesNotContain($"https://{disabled.RedirectUri.Authority}", formAction.Split(' '));
        Assert.All(formAction.Split(' ').Skip(1), source => Assert.True(source == "'self'" || source.EndsWith(".test", StringComparison.Ordinal), source));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPostAnswer_AllowsItsOneScript_AndOtherPagesNone()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(app, "Documenten", ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);

        var answer = await browser.OpenAsync(application.NewRequest(new Dictionary<string, string> { ["response_mode"] = "form_post" }).Url, ct);
        var home = await browser.OpenAsync("/", ct);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(application.RedirectUri.AbsoluteUri, answer.Document.QuerySelector("form")!.GetAttribute("action"));
        var script = answer.Document.QuerySelector("script")!.TextContent;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        Assert.Contains($"'sha256-{hash}'", string.Join(";", answer.Response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain("sha256-", string.Join(";", home.Response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
