using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.SingleSignOn.Applications;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Administration;

/// <summary>
/// An application's logo: uploaded in the console, shown on the tiles of "Mijn applicaties", served only as the picture
/// its own bytes say it is, and only to signed-in people. Anything else an upload may be is refused and changes nothing.
/// </summary>
public sealed class ApplicationLogoTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    // A 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Upload_PutsTheLogoOnTheTile_ServedAsThePictureItIs()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        var employee = await new AccountBuilder(app).WithAuthenticatorAsync(ct);

        // The upload claims to be a CSV file named logo.png; what it is, is read from its bytes.
        var saved = await admin.Browser.UploadAsync(await EditAsync(admin, application, ct), "form.application-logo", "logo", "logo.png", Png, ct);
        var person = app.NewBrowser();
        var home = await person.SignInAsync(app, employee, ct);
        var logoUrl = TileOf(home, application)?.QuerySelector("img.tile__logo")?.GetAttribute("src");
        using var logo = await person.Client.GetAsync(new Uri(logoUrl!, UriKind.Relative), ct);

        Assert.Equal("Het logo is opgeslagen.", saved.Text(".notice"));
        Assert.True(saved.Has("img.logo-preview"));
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await logo.Content.ReadAsByteArrayAsync(ct));
        Assert.Equal("nosniff", logo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains(await AuditAsync(ct), e => e.Detail == $"{application.ClientId}: logo changed" && e.ActorId == admin.Account.Id);
    }

    [Theory]
    [InlineData("page.png", "<html><script>alert(1)</script></html>", "geen PNG-, JPEG- of WebP-afbeelding")]
    [InlineData("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "geen PNG-, JPEG- of WebP-afbeelding")]
    [InlineData("logo.gif", "GIF89a", "geen PNG-, JPEG- of WebP-afbeelding")]
    [InlineData("empty.png", "", "Kies een afbeelding")]
    public async Task Upload_OfAnythingButAPicture_IsRefusedAndChangesNothing(string fileName, string content, string says)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var application = await TestApplication.RegisterAsync(app, "Uren", ct);

        var page = await admin.Browser.UploadAsync(await EditAsync(admin, application, ct), "form.application-logo", "logo", fileName, System.Text.Encoding.UTF8.GetBytes(content), ct);

        await AssertRefusedAsync(page, application, says, ct);
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_IsRefusedAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var application = await TestApplication.RegisterAsync(app, "Documenten", ct);
        var large = new byte[LogoFormat.MaxBytes + 1];
        Png.CopyTo(large, 0);

        var page = await admin.Browser.UploadAsync(await EditAsync(admin, application, ct), "form.application-logo", "logo", "logo.png", large, ct);

        await AssertRefusedAsync(page, application, "groter dan 100 kB", ct);
    }

    [Fact]
    public async Task Remove_TakesTheLogoOffTheTile_AndItsAddressAnswers404()
    {
        var ct = TestContext.Current.CancellationToken;
        var (admin, application) = await WithLogoAsync("Rooster", ct);

        var removed = await admin.Browser.SubmitAsync(await EditAsync(admin, application, ct), "form.remove-logo", new Dictionary<string, string>(), ct);
        using var logo = await admin.Browser.Client.GetAsync(new Uri($"/applications/{application.ClientId}/logo", UriKind.Relative), ct);
        var home = await admin.Browser.OpenAsync("/", ct);

        Assert.Equal("Het logo is verwijderd.", removed.Text(".notice"));
        Assert.False(removed.Has("img.logo-preview"));
        Assert.Equal(HttpStatusCode.NotFound, logo.StatusCode);
        Assert.False(TileOf(home, application)?.QuerySelector("img") is not null);
        Assert.Contains(await AuditAsync(ct), e => e.Detail == $"{application.ClientId}: logo removed");
    }

    [Fact]
    public async Task Logo_IsNotServedToAnyoneNotSignedIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, application) = await WithLogoAsync("Declaraties", ct);

        using var logo = await app.NewBrowser().Client.GetAsync(new Uri($"/applications/{application.ClientId}/logo", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Redirect, logo.StatusCode);
        Assert.StartsWith("/Account/Login", logo.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("89504E470D0A1A0A0000", "image/png")]
    [InlineData("FFD8FFE000104A464946", "image/jpeg")]
    [InlineData("524946460000000057454250565038", "image/webp")]
    [InlineData("52494646000000005741564566", null)]
    [InlineData("474946383961", null)]
    [InlineData("3C737667", null)]
    [InlineData("89504E47", null)]
    public void Format_IsReadFromTheFirstBytes(string hex, string? contentType) =>
        Assert.Equal(contentType, LogoFormat.ContentTypeOf(Convert.FromHexString(hex)));

    private static AngleSharp.Dom.IElement? TileOf(Page home, TestApplication application) =>
        home.Document.QuerySelectorAll(".tile__link").FirstOrDefault(a => a.GetAttribute("href") == $"https://{application.ClientId}.test/");

    private async Task<(AdminSession Admin, TestApplication Application)> WithLogoAsync(string name, CancellationToken ct)
    {
        var admin = await AdminSession.StartAsync(app, ct);
        var application = await TestApplication.RegisterAsync(app, name, ct);
        await admin.Browser.UploadAsync(await EditAsync(admin, application, ct), "form.application-logo", "logo", "logo.png", Png, ct);
        return (admin, application);
    }

    private static Task<Page> EditAsync(AdminSession admin, TestApplication application, CancellationToken ct) =>
        admin.Browser.OpenAsync($"/Admin/Applications/{application.ClientId}", ct);

    private async Task AssertRefusedAsync(Page page, TestApplication application, string says, CancellationToken ct)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(says, page.Text("#logo-error"), StringComparison.Ordinal);
        Assert.Contains("logo-error", page.Document.QuerySelector("#logo")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.False(page.Has("img.logo-preview"));
        Assert.False(await app.WithScopeAsync(services => services.GetRequiredService<PortalDbContext>().ApplicationLogos.AnyAsync(l => l.ClientId == application.ClientId, ct)));
        Assert.DoesNotContain(await AuditAsync(ct), e => e.Detail!.StartsWith(application.ClientId + ": logo", StringComparison.Ordinal));
    }

    private Task<List<Sigma.Portal.Data.Audit.AuditEvent>> AuditAsync(CancellationToken ct) =>
        app.WithScopeAsync(services => services.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.EventType == "ApplicationChanged").ToListAsync(ct));
}
