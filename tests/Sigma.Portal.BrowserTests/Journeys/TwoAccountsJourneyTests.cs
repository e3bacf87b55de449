using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>Journey 2: one person, an employee and an employer account on one email address, two entries in the app.</summary>
public sealed class TwoAccountsJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task EmployerWithAnEmployeeAccount_ActivatesBoth_GetsTwoDistinctEntries_AndSignsInToEach()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"pieter-{Guid.NewGuid():N}@bakkerij.nl";
        const string password = "brood en banket sinds 1923";
        await new AccountBuilder(portal.App).WithEmail(email).WithName("Pieter Bakker").InvitedAsync(ct);
        await new AccountBuilder(portal.App).WithEmail(email).WithName("Pieter Bakker").AsEmployer("Bakkerij Bakker BV").InvitedAsync(ct);
        await using var person = await portal.VisitorAsync("two-accounts");

        foreach (var activation in new[] { "first", "second" })
        {
            var (link, _, _) = await People.ActivationEmailAsync(email, ct);
            await person.StepAsync($"activate-{activation}", async page =>
            {
                await page.GotoAsync(link.PathAndQuery);
                await page.Locator("#Password").FillAsync(password);
                await page.Locator("#ConfirmPassword").FillAsync(password);
                await page.Locator("form.set-password button[type=submit]").ClickAsync();
                await Visitor.ArrivedAtAsync(page, "/Account/Login");
            });
        }

        var keys = new Dictionary<string, string>();
        var labels = new Dictionary<string, string>();
        foreach (var (type, name) in new[] { ("Employer", "Werkgever"), ("Employee", "Werknemer") })
        {
            await person.StepAsync($"choose-{type}", async page =>
            {
                await person.SignInAsync(email, password);
                Assert.Equal("Kies uw account", await person.HeadingAsync());
            }, type == "Employer" ? new Guide("nl-08-choose-account") : null);

            await person.StepAsync($"setup-{type}", async page =>
            {
                await page.Locator($"button[name=AccountType][value={type}]").ClickAsync();
                labels[type] = await page.Locator(".account-label").InnerTextAsync();
                keys[type] = await person.SetUpAuthenticatorAsync();
                await page.Locator("main .actions a.button:not(.button--secondary)").ClickAsync();
                await person.SignOutAsync();
            });
            Assert.Equal($"{email} ({name})", labels[type]);
        }

        Assert.NotEqual(labels["Employer"], labels["Employee"]);
        Assert.NotEqual(keys["Employer"], keys["Employee"]);
        foreach (var type in keys.Keys)
        {
            await person.StepAsync($"sign-in-{type}", async page =>
            {
                await person.SignInAsync(email, password);
                await page.Locator($"button[name=AccountType][value={type}]").ClickAsync();
                await person.EnterCodeAsync(keys[type]);
                Assert.Equal("Welkom, Pieter Bakker", await person.HeadingAsync());
                await person.SignOutAsync();
            });
        }
    }
}
