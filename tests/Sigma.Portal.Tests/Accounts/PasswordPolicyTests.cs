using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

public sealed class PasswordPolicyTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    private const string Email = "jan.devries@voorbeeld.nl";
    private const string Name = "Jan de Vries";

    private PasswordPolicy Policy => app.Services.GetRequiredService<PasswordPolicy>();

    [Theory]
    [InlineData("letmein12345", "Password.Guessable")]
    [InlineData("elf tekens!", "Password.TooShort")]
    [InlineData("", "Password.Required")]
    [InlineData("password1234", "Password.Guessable")]
    [InlineData("qwertyuiop12", "Password.Guessable")]
    [InlineData("aaaaaaaaaaaaaaaa", "Password.Guessable")]
    [InlineData("mijn jan.devries@voorbeeld.nl!", "Password.Personal")]
    [InlineData("JAN.DEVRIES wachtwoord 2024", "Password.Personal")]
    [InlineData("de familie Vries uit Utrecht", "Password.Personal")]
    public void Password_BreakingARule_IsRefusedWithThatRule(string password, string rule)
    {
        var failures = Policy.Check(password, Email, Name);

        Assert.Equal([rule], failures);
    }

    [Theory]
    [InlineData("paarse olifant danst op dinsdag")]
    [InlineData("één lange zin vol ünïcödé ☕ en spaties")]
    [InlineData("Ωμέγα γράμματα και 😀 emoji")]
    [InlineData("twaalf tkns!")]
    public void Password_LongOrUnicodePassphrase_IsAccepted(string password)
    {
        var failures = Policy.Check(password + " x7Kq", Email, Name);

        Assert.Empty(failures);
    }

    [Fact]
    public void Password_TwelveCodePointsOfEmoji_CountsAsTwelveCharacters()
    {
        // Twelve code points, twenty-four UTF-16 units: the length rule counts what people see.
        var twelve = string.Concat(Enumerable.Repeat("🦊", 6)) + "🐢🐙🦉🐝🦋🐞";
        var eleven = twelve[..^2];

        Assert.DoesNotContain("Password.TooShort", Policy.Check(twelve, Email, Name));
        Assert.Equal(["Password.TooShort"], Policy.Check(eleven, Email, Name));
    }

    [Fact]
    public void Password_LongerThan256Characters_IsRefused()
    {
        var longest = string.Concat(Enumerable.Range(0, 256).Select(i => (char)('a' + (i * 7 % 26))));

        Assert.DoesNotContain("Password.TooLong", Policy.Check(longest, Email, Name));
        Assert.Equal(["Password.TooLong"], Policy.Check(longest + "z", Email, Name));
    }

    [Fact]
    public async Task SetPassword_ConfirmationDiffers_ShowsWhatToFixAndKeepsTheLink()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);
        var browser = app.NewBrowser();
        var form = await browser.OpenAsync(account.ActivationLink.PathAndQuery, ct);

        var mismatch = await browser.SubmitAsync(form, "form.set-password", new Dictionary<string, string>
        {
            ["Password"] = "paarse olifant danst op dinsdag",
            ["ConfirmPassword"] = "paarse olifant danst op woensdag",
        }, ct);
        var common = await browser.SubmitAsync(mismatch, "form.set-password", new Dictionary<string, string>
        {
            ["Password"] = "password1234",
            ["ConfirmPassword"] = "password1234",
        }, ct);
        var accepted = await browser.SubmitAsync(common, "form.set-password", new Dictionary<string, string>
        {
            ["Password"] = "paarse olifant danst op dinsdag",
            ["ConfirmPassword"] = "paarse olifant danst op dinsdag",
        }, ct);

        Assert.Equal("De twee wachtwoorden zijn niet gelijk.", mismatch.Text("[data-valmsg-for=ConfirmPassword]"));
        Assert.StartsWith("Dit wachtwoord is te makkelijk te raden", common.Text("[data-valmsg-for=Password]"), StringComparison.Ordinal);
        Assert.Equal("/Account/Login", accepted.Url.AbsolutePath);
    }

    [Fact]
    public async Task Password_TypedInAnotherUnicodeForm_StillMatches()
    {
        var ct = TestContext.Current.CancellationToken;
        var composed = "café crème brûlée op zondag";
        var account = await new AccountBuilder(app).ActivatedAsync(ct, composed);
        var decomposed = composed.Normalize(System.Text.NormalizationForm.FormD);

        var home = await app.NewBrowser().PasswordStepAsync(account.Email, decomposed, ct);

        Assert.NotEqual(composed, decomposed);
        Assert.Equal("/TwoFactor/Setup", home.Url.AbsolutePath);
    }

    [Fact]
    public async Task Password_DifferingOnlyInCase_DoesNotMatch()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);

        var page = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!.ToUpperInvariant(), ct);

        Assert.Equal("Inloggen", page.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task Password_AtRest_IsASlowSaltedHash()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var production = new PortalFactory { Environment = "Production" };
        await production.InitializeAsync();
        var account = await new AccountBuilder(production).ActivatedAsync(ct);
        var user = await production.WithScopeAsync(s => s.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(account.Id.ToString()));
        var hash = Convert.FromBase64String(user!.PasswordHash!);

        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, ReadUInt32(hash, 1));
        Assert.Equal(210_000u, ReadUInt32(hash, 5));
        Assert.DoesNotContain(account.Password!, user.PasswordHash!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_HashedWithFewerIterations_IsUpgradedAtTheNextSignIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).ActivatedAsync(ct);
        // A hash as an older portal, or one with a lower PasswordWork:HashIterations, would have stored it.
        var older = new PasswordHasher<PortalUser>(Options.Create(new PasswordHasherOptions { IterationCount = PortalFactory.TestHashIterations / 2 }))
            .HashPassword(new PortalUser(), account.Password!);
        await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users
            .Where(u => u.Id == account.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, older), ct));

        var codeStep = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);
        var stored = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Users
            .Where(u => u.Id == account.Id).Select(u => u.PasswordHash).SingleAsync(ct));
        var again = await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);

        Assert.Equal((uint)PortalFactory.TestHashIterations / 2, ReadUInt32(Convert.FromBase64String(older), 5));
        Assert.Equal((uint)PortalFactory.TestHashIterations, ReadUInt32(Convert.FromBase64String(stored!), 5));
        Assert.Equal(codeStep.Url.AbsolutePath, again.Url.AbsolutePath);
        Assert.NotEqual("/Account/Login", again.Url.AbsolutePath);
    }

    private static uint ReadUInt32(byte[] buffer, int offset) =>
        (uint)(buffer[offset] << 24 | buffer[offset + 1] << 16 | buffer[offset + 2] << 8 | buffer[offset + 3]);
}
