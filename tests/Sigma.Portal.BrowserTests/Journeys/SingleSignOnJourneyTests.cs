using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>
/// Journey 8: Sigma's applications sign people in through the portal. Two real ASP.NET Core applications (the stock
/// OpenID Connect handler) beside the portal: the first sends the person to Inloggen and the code, the second opens
/// without asking again, and signing out in one ends the portal session and, by back-channel logout, the other.
/// </summary>
public sealed class SingleSignOnJourneyTests(BrowserPortal portal) : IClassFixture<BrowserPortal>
{
    [Fact]
    public async Task Employee_SignsInOnceForTwoApplications_AndSigningOutOfOneEndsBoth()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithName("Sanne Jansen").WithAuthenticatorAsync(ct);
        await using var payslips = await RelyingParty.StartAsync(portal, "Loonstroken", ct);
        await using var hours = await RelyingParty.StartAsync(portal, "Urenregistratie", ct);
        await using var person = await portal.VisitorAsync("single-sign-on");

        await person.StepAsync("open-payslips", async page =>
        {
            await page.GotoAsync(payslips.BaseUrl.AbsoluteUri);
            await Visitor.ArrivedAtAsync(page, "/Account/Login");
            await page.Locator("#Email").FillAsync(account.Email);
            await page.Locator("#Password").FillAsync(account.Password!);
            await page.Locator("form.login-form button[type=submit]").ClickAsync();
            await person.EnterCodeAsync(account.AuthenticatorKey!);
            await Visitor.ArrivedAtAsync(page, "/");
            Assert.Equal("Loonstroken", await person.HeadingAsync());
            Assert.Equal(account.Id.ToString(), await page.Locator("#claim-sub").InnerTextAsync());
            Assert.Equal("employee", await page.Locator("#claim-account_type").InnerTextAsync());
        });

        await person.StepAsync("open-hours-without-signing-in", async page =>
        {
            await page.GotoAsync(hours.BaseUrl.AbsoluteUri);
            Assert.Equal("Urenregistratie", await person.HeadingAsync());
            Assert.Equal(account.Id.ToString(), await page.Locator("#claim-sub").InnerTextAsync());
        });

        await person.StepAsync("tiles-on-mijn-applicaties", async page =>
        {
            await page.GotoAsync(portal.BaseUrl.AbsoluteUri);
            var tiles = await page.Locator(".tile__name").AllInnerTextsAsync();
            Assert.Contains("Loonstroken", tiles);
            Assert.Contains("Urenregistratie", tiles);
        });

        await person.StepAsync("sign-out-of-payslips", async page =>
        {
            await page.GotoAsync(new Uri(payslips.BaseUrl, "/signout").AbsoluteUri);
            await Visitor.ArrivedAtAsync(page, "/signed-out");
        });

        await person.StepAsync("hours-asks-to-sign-in-again", async page =>
        {
            await WaitForAsync(() => hours.LogoutsAccepted + hours.LogoutsRefused > 0, ct);
            Assert.Equal((1, 0), (hours.LogoutsAccepted, hours.LogoutsRefused));
            await page.GotoAsync(hours.BaseUrl.AbsoluteUri);
            await Visitor.ArrivedAtAsync(page, "/Account/Login");
        });
    }

    [Fact]
    public async Task PersonWithTwoAccounts_GetsTheSubjectOfTheAccountTheyChose()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"pieter-{Guid.NewGuid():N}@bakkerij.nl";
        const string password = "brood en banket sinds 1923";
        var employee = await new AccountBuilder(portal.App).WithEmail(email).WithName("Pieter Bakker").WithAuthenticatorAsync(ct, password);
        var employer = await new AccountBuilder(portal.App).WithEmail(email).WithName("Pieter Bakker").AsEmployer("Bakkerij Bakker BV").WithAuthenticatorAsync(ct, password);
        await using var documents = await RelyingParty.StartAsync(portal, "Documenten", ct);

        foreach (var (account, type) in new[] { (employee, "Employee"), (employer, "Employer") })
        {
            await using var person = await portal.VisitorAsync($"two-accounts-{type}");
            await person.StepAsync($"documents-as-{type}", async page =>
            {
                await page.GotoAsync(documents.BaseUrl.AbsoluteUri);
                await Visitor.ArrivedAtAsync(page, "/Account/Login");
                await page.Locator("#Email").FillAsync(email);
                await page.Locator("#Password").FillAsync(password);
                await page.Locator("form.login-form button[type=submit]").ClickAsync();
                await page.Locator($"button[name=AccountType][value={type}]").ClickAsync();
                await person.EnterCodeAsync(account.AuthenticatorKey!);
                await Visitor.ArrivedAtAsync(page, "/");
                Assert.Equal(account.Id.ToString(), await page.Locator("#claim-sub").InnerTextAsync());
            });
        }
    }

    /// <summary>Back-channel logout is delivered in the background: wait for it, within a bound.</summary>
    private static async Task WaitForAsync(Func<bool> done, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(45));
        while (!done())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), bound.Token);
        }
    }
}
