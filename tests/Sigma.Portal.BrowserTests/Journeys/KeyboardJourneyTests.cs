using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>Journey 6: activation, sign-in, setup and a code with the keyboard only, focus visible at every stop.</summary>
public sealed class KeyboardJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Activation_SignIn_Setup_AndCode_WithTabAndEnterOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithName("Lotte de Boer").InvitedAsync(ct);
        const string password = "toetsenbord zonder muis";
        await using var person = await portal.VisitorAsync("keyboard");

        await person.StepAsync("skip-link", async page =>
        {
            await page.GotoAsync(account.ActivationLink.PathAndQuery);
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("skip-link", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        });
        await person.StepAsync("choose-password", async page =>
        {
            await Keyboard.TypeIntoAsync(page, "#Password", password);
            await Keyboard.TypeIntoAsync(page, "#ConfirmPassword", password);
            await page.Keyboard.PressAsync("Enter");
            await Visitor.ArrivedAtAsync(page, "/Account/Login");
        });
        await person.StepAsync("sign-in", async page =>
        {
            await Keyboard.TypeIntoAsync(page, "#Email", account.Email);
            await Keyboard.TypeIntoAsync(page, "#Password", password);
            // "Wachtwoord tonen" shows what was typed, and hides it again.
            var toggle = page.Locator("button[data-show-password=Password]");
            await Keyboard.TabToAsync(page, toggle);
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal("text", await page.Locator("#Password").GetAttributeAsync("type"));
            Assert.Equal("Wachtwoord verbergen", (await toggle.InnerTextAsync()).Trim());
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal("password", await page.Locator("#Password").GetAttributeAsync("type"));
            await Keyboard.TabToAsync(page, page.Locator("form.login-form button[type=submit]"));
            await page.Keyboard.PressAsync("Enter");
            await Visitor.ArrivedAtAsync(page, "/TwoFactor/Setup");
        });
        var key = "";
        await person.StepAsync("setup", async page =>
        {
            key = await page.Locator("#manual-key").InnerTextAsync();
            await Keyboard.TypeIntoAsync(page, "form.code-form input[name=Code]", portal.NextCode(key));
            await page.Keyboard.PressAsync("Enter");
            await page.Locator("ol.recovery-codes").WaitForAsync();
            Assert.Equal("Uw herstelcodes", await person.HeadingAsync());
        });
        await person.StepAsync("continue", async page =>
        {
            await Keyboard.TabToAsync(page, page.Locator("main .actions a.button:not(.button--secondary)"));
            await page.Keyboard.PressAsync("Enter");
            await Visitor.ArrivedAtAsync(page, "/");
            Assert.Equal("Welkom, Lotte de Boer", await person.HeadingAsync());
        });
        await person.StepAsync("sign-out", async page =>
        {
            await Keyboard.TabToAsync(page, page.Locator("form.sign-out button"));
            await page.Keyboard.PressAsync("Enter");
            await Visitor.ArrivedAtAsync(page, "/Account/Login");
        });
        await person.StepAsync("code", async page =>
        {
            await Keyboard.TypeIntoAsync(page, "#Email", account.Email);
            await Keyboard.TypeIntoAsync(page, "#Password", password);
            await page.Keyboard.PressAsync("Enter");
            await Visitor.ArrivedAtAsync(page, "/TwoFactor/Verify");
            await Keyboard.TypeIntoAsync(page, "form.code-form input[name=Code]", portal.NextCode(key));
            await page.Keyboard.PressAsync("Enter");
            await Visitor.ArrivedAtAsync(page, "/");
            Assert.Equal("Welkom, Lotte de Boer", await person.HeadingAsync());
        });
    }
}
