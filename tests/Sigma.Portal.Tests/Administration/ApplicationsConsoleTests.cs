using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Administration;

/// <summary>"Applicaties" in the admin console: register, show the secret once, change, rotate, switch off; all audited.</summary>
public sealed class ApplicationsConsoleTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Register_ShowsTheSecretOnce_AndTheApplicationWorksWithIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var clientId = "uren-" + Guid.NewGuid().ToString("N")[..8];

        var form = await admin.Browser.OpenAsync("/Admin/Applications/New", ct);
        var shown = await admin.Browser.SubmitAsync(form, "form.application-form", Fields(clientId, "Urenregistratie"), ct);
        var secret = shown.Text("#client-secret");
        var edit = await admin.Browser.OpenAsync($"/Admin/Applications/{clientId}", ct);
        var list = await admin.Browser.OpenAsync("/Admin/Applications", ct);

        Assert.Equal(43, secret.Length);
        // Kept as a keyed hash only: the row holds neither the secret nor anything to test guesses with, without the key.
        var stored = await app.WithScopeAsync(services => services.GetRequiredService<PortalDbContext>()
            .Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication<Guid>>().AsNoTracking()
            .Where(a => a.ClientId == clientId).Select(a => a.ClientSecret).SingleAsync(ct));
        Assert.StartsWith("hmac-sha256:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored!, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, edit.Html, StringComparison.Ordinal);
        Assert.Contains(clientId, list.Text("table.applications"), StringComparison.Ordinal);
        Assert.True(await SecretWorksAsync(clientId, secret, ct));
        Assert.Contains(await AuditAsync(ct), e => e.EventType == "ApplicationRegistered" && e.Detail == clientId && e.ActorId == admin.Account.Id);
    }

    [Fact]
    public async Task Change_KeepsTheSecret_Rotation_ReplacesIt_AndSwitchingOffRefusesTheApplication()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var clientId = "docs-" + Guid.NewGuid().ToString("N")[..8];
        var first = (await admin.Browser.SubmitAsync(await admin.Browser.OpenAsync("/Admin/Applications/New", ct), "form.application-form", Fields(clientId, "Documenten"), ct)).Text("#client-secret");

        var edit = await admin.Browser.OpenAsync($"/Admin/Applications/{clientId}", ct);
        var saved = await admin.Browser.SubmitAsync(edit, "form.application-form", new Dictionary<string, string> { ["DisplayName"] = "Mijn documenten" }, ct);
        var keptFirst = await SecretWorksAsync(clientId, first, ct);
        var rotated = await admin.Browser.SubmitAsync(saved, "form.rotate-secret", new Dictionary<string, string>(), ct);
        var second = rotated.Text("#client-secret");
        var switchedOff = await admin.Browser.SubmitAsync(await admin.Browser.OpenAsync($"/Admin/Applications/{clientId}", ct), "form.switch-application", new Dictionary<string, string>(), ct);

        Assert.Equal("Mijn documenten", saved.Text("h1"));
        Assert.True(keptFirst);
        Assert.NotEqual(first, second);
        Assert.False(await SecretWorksAsync(clientId, first, ct));
        Assert.Equal("De applicatie is uitgeschakeld.", switchedOff.Text(".notice"));
        var events = await AuditAsync(ct);
        Assert.Contains(events, e => e.EventType == "ApplicationSecretRotated" && e.Detail == clientId);
        Assert.Contains(events, e => e.EventType == "ApplicationChanged" && e.Detail == $"{clientId}: disabled");
    }

    [Theory]
    [InlineData("http://uren.example.nl/signin-oidc")]
    [InlineData("https://uren.example.nl/signin-oidc#deel")]
    [InlineData("geen adres")]
    public async Task Register_WithAnUnsafeRedirectUri_SavesNothingAndSaysWhy(string redirect)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var clientId = "bad-" + Guid.NewGuid().ToString("N")[..8];

        var page = await admin.Browser.SubmitAsync(await admin.Browser.OpenAsync("/Admin/Applications/New", ct), "form.application-form",
            Fields(clientId, "Onveilig", redirect), ct);
        var edit = await admin.Browser.OpenAsync($"/Admin/Applications/{clientId}", ct);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("https", page.Text(".validation-summary"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
    }

    [Fact]
    public async Task Console_IsForAdministratorsOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var employee = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, employee, ct);

        using var list = await browser.Client.GetAsync(new Uri("/Admin/Applications", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    private static Dictionary<string, string> Fields(string clientId, string name, string? redirect = null) => new()
    {
        ["ClientId"] = clientId,
        ["DisplayName"] = name,
        ["StartUrl"] = $"https://{clientId}.test/",
        ["RedirectUris"] = redirect ?? $"https://{clientId}.test/signin-oidc",
    };

    private Task<bool> SecretWorksAsync(string clientId, string secret, CancellationToken ct) =>
        TestApplication.SecretAcceptedAsync(app, clientId, secret, ct);

    private Task<List<Sigma.Portal.Data.Audit.AuditEvent>> AuditAsync(CancellationToken ct) =>
        app.WithScopeAsync(services => services.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.EventType.StartsWith("Application")).ToListAsync(ct));
}
