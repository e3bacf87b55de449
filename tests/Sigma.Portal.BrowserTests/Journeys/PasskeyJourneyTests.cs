using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sigma.Portal.BrowserTests.Infrastructure;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>
/// Passkeys in real Chromium with its virtual authenticator: added under Settings, then "Inloggen met passkey" signs
/// the person in with no password typed and no code; removed again, the passkey no longer opens the account.
/// </summary>
public sealed class PasskeyJourneyTests(PasskeyBrowserPortal portal) : IClassFixture<PasskeyBrowserPortal>
{
    [Fact]
    public async Task Passkey_AddedUnderSettings_SignsInAlone_UntilItIsRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(portal.App).WithName("Sanne de Vries").WithAuthenticatorAsync(ct);
        await using var person = await portal.VisitorAsync("passkey");
        await person.AddVirtualAuthenticatorAsync();
        await person.StepAsync("sign-in", async _ =>
        {
            await person.SignInAsync(account.Email, account.Password!);
            await person.EnterCodeAsync(account.AuthenticatorKey!);
        });

        await AddPasskeyAsync(person, account, "Laptop thuis", new Guide("nl-15-passkeys", Phone: true));

        await person.StepAsync("sign-out", async _ => await person.SignOutAsync());
        await person.StepAsync("login-page", page => page.GotoAsync("/Account/Login"), new Guide("nl-16-sign-in-with-passkey", Phone: true));
        await person.StepAsync("sign-in-with-passkey", async page =>
        {
            await page.Locator("form[data-passkey-sign-in] button[type=submit]").ClickAsync();
            await Visitor.ArrivedAtAsync(page, "/");
            Assert.Equal("Welkom, Sanne de Vries", await person.HeadingAsync());
        });
        var signIns = await portal.App.WithScopeAsync(services => services.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.UserId == account.Id && e.EventType == "SignInSucceeded").Select(e => e.Detail).ToListAsync(ct));
        Assert.Equal(["mfa", "passkey"], signIns);

        await person.StepAsync("remove-passkey", async page =>
        {
            await page.GotoAsync("/Settings/Passkeys");
            await page.Locator(".passkey-list form[action$='/Remove'] button").ClickAsync();
            await Assertions.Expect(page.Locator(".notice--success")).ToHaveTextAsync("De passkey ‘Laptop thuis’ is verwijderd.");
        });
        await person.StepAsync("removed-passkey-refused", async page =>
        {
            await person.SignOutAsync();
            await page.GotoAsync("/Account/Login");
            await page.Locator("form[data-passkey-sign-in] button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator(".notice--error").First).ToBeVisibleAsync();
            Assert.EndsWith("/Account/Login", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TwoAccountsOfOnePerson_TwoPasskeysTheBrowserNamesApart_EachOpensItsAccount_UntilAnAdministratorResetsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var employee = await new AccountBuilder(portal.App).WithName("Daan Bakker").WithAuthenticatorAsync(ct);
        var employer = await new AccountBuilder(portal.App).WithEmail(employee.Email).WithName("Daan Bakker").AsEmployer().WithAuthenticatorAsync(ct);
        await using var person = await portal.VisitorAsync("two-passkeys");
        var device = await person.AddVirtualAuthenticatorAsync();
        foreach (var (account, type) in new[] { (employee, "employee"), (employer, "employer") })
        {
            // Each account has a password of its own, which opens it without the chooser.
            await person.StepAsync("sign-in-" + type, async _ =>
            {
                await person.SignInAsync(account.Email, account.Password!);
                await person.EnterCodeAsync(account.AuthenticatorKey!);
            });
            await AddPasskeyAsync(person, account, "Telefoon");
            await person.StepAsync("sign-out-" + type, async _ => await person.SignOutAsync());
        }

        // The browser's chooser shows each passkey's user name: the login name with the account type.
        var names = (await device.CredentialsAsync()).Select(c => c.UserName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([employee.Email + " (Werkgever)", employee.Email + " (Werknemer)"], names);

        // Chromium's virtual device answers with one of its two keys: whichever it picks opens that key's own account;
        // with that key gone from the device, the other opens the other account.
        var first = await SignInWithPasskeyAsync(person, "first");
        await person.StepAsync("sign-out-again", async _ => await person.SignOutAsync());
        var keys = await device.CredentialsAsync();
        await device.RemoveCredentialAsync(keys.Single(k => k.UserName.EndsWith($"({first})", StringComparison.Ordinal)));
        var second = await SignInWithPasskeyAsync(person, "second");
        await person.StepAsync("sign-out-last", async _ => await person.SignOutAsync());
        Assert.Equal(["Werkgever", "Werknemer"], new[] { first, second }.Order(StringComparer.Ordinal));

        // The lost-phone reset of the account whose key is still on the device removes the portal's side of it.
        var reset = second == "Werkgever" ? employer : employee;
        var (admin, _) = await People.AdministratorAsync(portal, ct);
        await using (admin)
        {
            await admin.StepAsync("admin-reset", async page =>
            {
                await page.GotoAsync($"/Admin/Accounts/{reset.Id}");
                await page.Locator($"a[href='/Admin/Accounts/{reset.Id}/ResetTwoFactor']").ClickAsync();
                await page.Locator("#Reason").FillAsync("Telefoon verloren; identiteit telefonisch gecontroleerd");
                await page.Locator("form.confirm-reset button[type=submit]").ClickAsync();
                await Assertions.Expect(page.Locator("#access-pass")).ToBeVisibleAsync();
            });
        }

        await person.StepAsync("reset-passkey-refused", async page =>
        {
            await page.GotoAsync("/Account/Login");
            await page.Locator("form[data-passkey-sign-in] button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator(".notice--error").First).ToBeVisibleAsync();
            Assert.Equal("/Account/Login", new Uri(page.Url).AbsolutePath);
        });
    }

    /// <summary>Settings → passkeys after confirming it is them, and a new passkey of this browser's device.</summary>
    private async Task AddPasskeyAsync(Visitor person, TestAccount account, string name, Guide? guide = null)
    {
        await person.StepAsync("confirm-for-passkeys", async page =>
        {
            await page.GotoAsync("/Settings/Passkeys");
            await page.Locator("#Password").FillAsync(account.Password!);
            await page.Locator("#Code").FillAsync(portal.NextCode(account.AuthenticatorKey!));
            await page.Locator("form.confirm-form button[type=submit]").ClickAsync();
            await Visitor.ArrivedAtAsync(page, "/Settings/Passkeys");
        });
        await person.StepAsync("add-passkey", async page =>
        {
            await page.Locator("#passkey-name").FillAsync(name);
            await page.Locator("form[data-passkey-add] button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator(".notice--success")).ToHaveTextAsync($"De passkey ‘{name}’ is toegevoegd.");
        }, guide);
    }

    /// <summary>"Inloggen met passkey" on the login page; returns the account type the start page then shows.</summary>
    private static async Task<string> SignInWithPasskeyAsync(Visitor person, string step)
    {
        var accountType = "";
        await person.StepAsync("sign-in-with-passkey-" + step, async page =>
        {
            await page.GotoAsync("/Account/Login");
            await page.Locator("form[data-passkey-sign-in] button[type=submit]").ClickAsync();
            await Visitor.ArrivedAtAsync(page, "/");
            var summary = await page.Locator("dl.summary").InnerTextAsync();
            accountType = summary.Contains("Werkgever", StringComparison.Ordinal) ? "Werkgever" : "Werknemer";
        });
        return accountType;
    }
}
