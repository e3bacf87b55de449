using Sigma.Portal.BrowserTests.Infrastructure;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>Journey 1: from the administrator's invitation to signing in with a code, as an employee does it.</summary>
public sealed class EmployeeJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Employee_FromInvitationToSignInWithACode(string language)
    {
        var ct = TestContext.Current.CancellationToken;
        var text = JourneyText.For(language);
        var email = $"jan.jansen-{Guid.NewGuid():N}@voorbeeld.nl";
        const string password = "fietsen langs de amstel";
        var (admin, _) = await People.AdministratorAsync(portal, ct);
        await using var __ = admin;
        await admin.StepAsync("admin-new-account", async page =>
        {
            await page.GotoAsync("/Admin/Accounts/New");
            await page.Locator("#DisplayName").FillAsync("Jan Jansen");
            await page.Locator("#Email").FillAsync(email);
            await page.Locator("#AccountType").SelectOptionAsync("Employee");
            await page.Locator("#Language").SelectOptionAsync(language);
            await page.Locator("form.new-account button[type=submit]").ClickAsync();
        }, language == "nl" ? new Guide("nl-00-admin-new-account") : null);

        var (link, html, _) = await People.ActivationEmailAsync(email, ct);
        Assert.Contains(text.ConfirmLink, html, StringComparison.Ordinal);
        await using var person = await portal.VisitorAsync($"employee-{language}");
        await UserGuide.CaptureEmailAsync(person.Context, html, $"{language}-01-activation-email");

        await person.StepAsync("open-activation-link", async page =>
        {
            // The account's own language, without touching the switch.
            await page.GotoAsync(link.PathAndQuery);
            Assert.Equal(text.ChoosePassword, await person.HeadingAsync());
        }, new Guide($"{language}-02-choose-password", Phone: true));

        await person.StepAsync("choose-password", async page =>
        {
            await page.Locator("#Password").FillAsync(password);
            await page.Locator("#ConfirmPassword").FillAsync(password);
            await page.Locator("form.set-password button[type=submit]").ClickAsync();
            await Visitor.ArrivedAtAsync(page, "/Account/Login");
            await page.Locator("#Email").FillAsync(email);
            await page.Locator("#Password").FillAsync(password);
        }, new Guide($"{language}-03-sign-in", Phone: true));

        string key = "";
        await person.StepAsync("setup-screen", async page =>
        {
            await page.Locator("form.login-form button[type=submit]").ClickAsync();
            Assert.Equal(text.SetupTitle, await person.HeadingAsync());
            Assert.Contains(email, await page.Locator(".account-label").InnerTextAsync(), StringComparison.Ordinal);
            await person.AssertFitsAPhoneAsync();
        }, new Guide($"{language}-04-setup", Phone: true));

        await person.StepAsync("validate", async _ =>
        {
            key = await person.SetUpAuthenticatorAsync();
            Assert.Equal(text.CodesTitle, await person.HeadingAsync());
        }, new Guide($"{language}-05-recovery-codes"));

        await person.StepAsync("portal-home", async page =>
        {
            await page.Locator("main .actions a.button:not(.button--secondary)").ClickAsync();
            Assert.Equal(text.Welcome + "Jan Jansen", await person.HeadingAsync());
        }, new Guide($"{language}-06-home"));

        await person.StepAsync("sign-out", async page =>
        {
            await person.SignOutAsync();
            await Visitor.ArrivedAtAsync(page, "/Account/Login");
        });

        await person.StepAsync("code-at-sign-in", async _ =>
        {
            await person.SignInAsync(email, password);
            Assert.Equal(text.VerifyTitle, await person.HeadingAsync());
            await person.AssertFitsAPhoneAsync();
        }, new Guide($"{language}-07-enter-code", Phone: true));

        await person.StepAsync("signed-in-with-code", async _ =>
        {
            await person.EnterCodeAsync(key);
            Assert.Equal(text.Welcome + "Jan Jansen", await person.HeadingAsync());
        });
    }
}
