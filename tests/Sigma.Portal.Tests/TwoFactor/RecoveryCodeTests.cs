using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Infrastructure.Security;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.TwoFactor;

public sealed class RecoveryCodeTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task RecoveryCode_InsteadOfTheCode_SignsInOnceTellsTheRestAndSendsAnEmail()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        await smtp.NextMessageAsync(account.Email, ct);
        var code = account.RecoveryCodes[3].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal);

        var home = await UseRecoveryCodeAsync(app.NewBrowser(), account, code, ct);
        var mail = await smtp.NextMessageAsync(account.Email, ct);
        var again = await UseRecoveryCodeAsync(app.NewBrowser(), account, account.RecoveryCodes[3], ct);

        Assert.Equal($"Welkom, {account.DisplayName}", home.Text("h1"));
        Assert.Contains("nog 9 over", home.Text(".notice"), StringComparison.Ordinal);
        Assert.Equal("Er is een herstelcode gebruikt (Werknemer)", mail.Subject);
        Assert.Equal("/TwoFactor/Recovery", again.Url.AbsolutePath);
        Assert.Equal("Deze herstelcode klopt niet of is al gebruikt.", again.Text("[data-valmsg-for=RecoveryCode]"));
    }

    /// <summary>Re-authentication under Settings checks the second factor as signing in does, with the same notice.</summary>
    [Fact]
    public async Task RecoveryCode_UsedToReauthenticate_IsUsedUpAuditedAndEmailed()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(account.Email, ct);
        await smtp.NextMessageAsync(account.Email, ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, account, ct);
        var confirm = await browser.OpenAsync("/Settings/TwoFactor/Confirm?next=NewPhone", ct);

        var newPhone = await browser.SubmitAsync(confirm, "form.confirm-form", new Dictionary<string, string>
        {
            ["Password"] = account.Password!,
            ["Code"] = account.RecoveryCodes[5],
        }, ct);
        var mail = await smtp.NextMessageAsync(account.Email, ct);
        var events = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.UserId == account.Id).Select(e => e.EventType).ToListAsync(ct));
        var reused = await UseRecoveryCodeAsync(app.NewBrowser(), account, account.RecoveryCodes[5], ct);

        Assert.Equal("Nieuwe telefoon instellen", newPhone.Text("h1"));
        Assert.Equal("Er is een herstelcode gebruikt (Werknemer)", mail.Subject);
        Assert.Contains("RecoveryCodeUsed", events);
        Assert.Equal("/TwoFactor/Recovery", reused.Url.AbsolutePath);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task RecoveryCode_SentFromTwentyBrowsersAtOnce_OpensOneSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browsers = Enumerable.Range(0, 20).Select(_ => app.NewBrowser()).ToList();
        var pages = new List<Page>();
        foreach (var browser in browsers)
        {
            await browser.PasswordStepAsync(account.Email, account.Password!, ct);
            pages.Add(await browser.OpenAsync("/TwoFactor/Recovery", ct));
        }

        var responses = await Task.WhenAll(browsers.Select((browser, i) =>
            browser.PostFormAsync(pages[i], "form.recovery-form", new Dictionary<string, string> { ["RecoveryCode"] = account.RecoveryCodes[0] }, ct)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task RecoveryCode_WrongOnes_CountTowardLockout()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var form = await browser.OpenAsync("/TwoFactor/Recovery", ct);
        Page last = form;

        for (var attempt = 0; attempt < 10; attempt++)
        {
            last = await browser.SubmitAsync(form, "form.recovery-form", new Dictionary<string, string> { ["RecoveryCode"] = $"AAAAA-AAAA{attempt}" }, ct);
        }

        var rightCode = await browser.SubmitAsync(form, "form.recovery-form", new Dictionary<string, string> { ["RecoveryCode"] = account.RecoveryCodes[1] }, ct);

        Assert.Equal("Account tijdelijk geblokkeerd", last.Text("h1"));
        Assert.Equal("Account tijdelijk geblokkeerd", rightCode.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task RecoveryCodes_AtRest_AreKeyedHashesOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);

        var stored = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().RecoveryCodes.AsNoTracking()
            .Where(c => c.UserId == account.Id).Select(c => c.CodeHash).ToListAsync(ct));
        var file = await File.ReadAllBytesAsync(app.DatabasePath, ct);
        var portalKeyed = await app.WithScopeAsync(async s => await Task.WhenAll(account.RecoveryCodes
            .Select(code => s.GetRequiredService<SecretHasher>().HashAsync(CrockfordCodes.Normalize(code, 10)!, ct).AsTask())));

        Assert.Equal(10, stored.Count);
        Assert.Equal(portalKeyed.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        foreach (var code in account.RecoveryCodes)
        {
            var plain = code.Replace("-", "", StringComparison.Ordinal);
            Assert.DoesNotContain(stored, hash => hash.Contains(plain, StringComparison.Ordinal));
            Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(plain)));
            // What an attacker holding only the database could compute: the code hashed without the portal's key.
            Assert.DoesNotContain(stored, hash => WithoutThePortalsKey(plain).Contains(hash));
        }
    }

    private static IReadOnlyList<string> WithoutThePortalsKey(string code)
    {
        var bytes = Encoding.UTF8.GetBytes(code);
        byte[][] digests =
        [
            SHA256.HashData(bytes), SHA384.HashData(bytes), SHA512.HashData(bytes),
            HMACSHA256.HashData(Array.Empty<byte>(), bytes), HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), bytes),
        ];
        return [.. digests.SelectMany(d => new[] { Convert.ToBase64String(d), Convert.ToHexString(d), Convert.ToHexStringLower(d) })];
    }

    private static async Task<Page> UseRecoveryCodeAsync(PortalBrowser browser, TestAccount account, string code, CancellationToken ct)
    {
        var verify = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var form = await browser.OpenAsync(verify.Document.QuerySelector("a[href*='/TwoFactor/Recovery']")!.GetAttribute("href")!, ct);
        return await browser.SubmitAsync(form, "form.recovery-form", new Dictionary<string, string> { ["RecoveryCode"] = code }, ct);
    }
}
