using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using ZXing;
using ZXing.Common;

namespace Sigma.Portal.Tests.TwoFactor;

public sealed partial class SetupTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SetupScreen_AfterThePassword_ShowsTheStepsQrCodeAndKey()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);

        var setup = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);

        Assert.Equal("/TwoFactor/Setup", setup.Url.AbsolutePath);
        Assert.Contains("Microsoft Authenticator", setup.Text(".setup-steps"), StringComparison.Ordinal);
        Assert.True(setup.Has("a[href^='https://apps.apple.com/']"));
        Assert.True(setup.Has("a[href^='https://play.google.com/']"));
        Assert.True(setup.Has("svg.qr-code[role=img][aria-label]"));
        Assert.Matches("^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$", setup.Text("#manual-key"));
        Assert.Equal("Valideren", setup.Text("form.code-form button[type=submit]"));
        var code = setup.Document.QuerySelector("input[name=Code]")!;
        Assert.Equal("one-time-code", code.GetAttribute("autocomplete"));
        Assert.Equal("numeric", code.GetAttribute("inputmode"));
        Assert.DoesNotContain(setup.Text("#manual-key").Replace(" ", "", StringComparison.Ordinal), string.Concat(setup.Document.QuerySelectorAll("input").Select(i => i.GetAttribute("value"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetupScreen_QrCode_DecodesToTheExactOtpAuthUri()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithEmail($"jan+{Guid.NewGuid():N}@voorbeeld.nl").ActivatedAsync(ct);

        var setup = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);
        var decoded = DecodeQr(setup.Document.QuerySelector("svg.qr-code")!.OuterHtml);
        var key = setup.Text("#manual-key").Replace(" ", "", StringComparison.Ordinal);

        Assert.Equal(
            $"otpauth://totp/Sigma%20Personeelsdiensten:{Uri.EscapeDataString(account.Email)}%20%28Werknemer%29?secret={key}&issuer=Sigma%20Personeelsdiensten&algorithm=SHA1&digits=6&period=30",
            decoded);
        Assert.Contains("%2B", decoded, StringComparison.Ordinal);
        // The phone's link beside it hands the app the very same setup.
        Assert.Equal(decoded, setup.Document.QuerySelector(".otpauth-link a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SetupScreen_EmployeeAndEmployerOfOnePerson_GiveTwoDistinctEntries()
    {
        var ct = TestContext.Current.CancellationToken;
        var employee = await new AccountBuilder(app).ActivatedAsync(ct);
        var employer = await new AccountBuilder(app).WithEmail(employee.Email).AsEmployer().ActivatedAsync(ct);

        var employeeSetup = await app.NewBrowser().PasswordStepAsync(employee.Email, employee.Password!, ct);
        var employerSetup = await app.NewBrowser().PasswordStepAsync(employer.Email, employer.Password!, ct);
        var employeeLabel = DecodeQr(employeeSetup.Document.QuerySelector("svg.qr-code")!.OuterHtml);
        var employerLabel = DecodeQr(employerSetup.Document.QuerySelector("svg.qr-code")!.OuterHtml);

        Assert.Contains("%28Werknemer%29", employeeLabel, StringComparison.Ordinal);
        Assert.Contains("%28Werkgever%29", employerLabel, StringComparison.Ordinal);
        Assert.NotEqual(employeeLabel.Split('?')[0], employerLabel.Split('?')[0]);
    }

    [Fact]
    public async Task SetupScreen_Reloaded_ShowsTheSameKeyUntilItIsValidated()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var browser = app.NewBrowser();

        var first = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var again = await browser.OpenAsync("/TwoFactor/Setup", ct);

        Assert.Equal(first.Text("#manual-key"), again.Text("#manual-key"));
    }

    [Fact]
    public async Task Setup_WithTheAppsCode_ShowsRecoveryCodesOnceAndSendsAnEmail()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        var browser = app.NewBrowser();
        var setup = await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        var (codes, _) = await browser.CompleteSetupAsync(app, setup, ct);
        var mail = await smtp.NextMessageAsync(account.Email, ct);
        var home = await browser.OpenAsync("/", ct);

        Assert.Equal(10, codes.Document.QuerySelectorAll("ol.recovery-codes code").Length);
        Assert.All(codes.Document.QuerySelectorAll("ol.recovery-codes code"), c => Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", c.TextContent));
        Assert.StartsWith("data:text/plain", codes.Document.QuerySelector("a[download]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Tweestapsverificatie is ingesteld (Werknemer)", mail.Subject);
        Assert.Contains("vult u bij het inloggen een code uit die app in.\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal($"Welkom, {account.DisplayName}", home.Text("h1"));
    }

    [Fact]
    public async Task Setup_WithAWrongCode_StaysOnTheSetupScreenWithAMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        var browser = app.NewBrowser();
        var setup = await browser.PasswordStepAsync(account.Email, account.Password!, ct);

        var again = await browser.SubmitAsync(setup, "form.code-form", new Dictionary<string, string> { ["Code"] = "000000" }, ct);
        using var home = await browser.Client.GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.Equal("/TwoFactor/Setup", again.Url.AbsolutePath);
        Assert.StartsWith("Deze code klopt niet", again.Text("[data-valmsg-for=Code]"), StringComparison.Ordinal);
        Assert.Equal(setup.Text("#manual-key"), again.Text("#manual-key"));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task AuthenticatorSecret_AtRest_IsEncrypted()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var key = account.AuthenticatorKey!.Replace(" ", "", StringComparison.Ordinal);
        var raw = TestTotp.FromBase32(key);

        var stored = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Authenticators.AsNoTracking().SingleAsync(a => a.UserId == account.Id, ct));
        var file = await File.ReadAllBytesAsync(app.DatabasePath, ct);
        var wal = File.Exists(app.DatabasePath + "-wal") ? await File.ReadAllBytesAsync(app.DatabasePath + "-wal", ct) : [];

        Assert.DoesNotContain(key, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(raw), stored.ProtectedSecret, StringComparison.Ordinal);
        foreach (var bytes in new[] { file, wal })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(key)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(raw));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Convert.ToBase64String(raw))));
        }
    }

    [Fact]
    [Trait("Attack", "MfaBypass")]
    public async Task PasswordAlone_WhenAnAuthenticatorExists_CannotSetUpAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var attacker = app.NewBrowser();
        var verify = await attacker.PasswordStepAsync(account.Email, account.Password!, ct);

        var setup = await attacker.OpenAsync("/TwoFactor/Setup", ct);
        using var post = await attacker.PostFormAsync(verify, "form.code-form", new Dictionary<string, string> { ["Code"] = "123456" }, ct);
        var active = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Authenticators.AsNoTracking()
            .Where(a => a.UserId == account.Id).Select(a => a.Status.ToString()).ToListAsync(ct));

        Assert.Equal("/TwoFactor/Verify", verify.Url.AbsolutePath);
        Assert.Equal("/TwoFactor/Verify", setup.Url.AbsolutePath);
        Assert.False(setup.Has("svg.qr-code"));
        Assert.Equal(["Active"], active);
    }

    /// <summary>Reads QRCoder's SVG (one path of 1-module-high runs), draws it as pixels and decodes it with ZXing.</summary>
    private static string DecodeQr(string svg)
    {
        const int Scale = 4;
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var pixels = Enumerable.Repeat((byte)255, size * Scale * size * Scale).ToArray();
        foreach (Match run in Runs().Matches(svg))
        {
            var (x, y, width) = (Number(run, 1), Number(run, 2), Number(run, 3));
            for (var row = y * Scale; row < (y + 1) * Scale; row++)
            {
                Array.Fill(pixels, (byte)0, (row * size * Scale) + (x * Scale), width * Scale);
            }
        }

        var source = new RGBLuminanceSource(pixels, size * Scale, size * Scale, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true, [DecodeHintType.TRY_HARDER] = true };
        var result = new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        return result?.Text ?? throw new InvalidOperationException("The QR code could not be decoded.");
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"viewBox=""0 0 (\d+) \d+""")]
    private static partial Regex ViewBox();

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)")]
    private static partial Regex Runs();
}
