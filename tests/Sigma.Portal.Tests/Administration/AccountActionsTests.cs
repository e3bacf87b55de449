using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Administration;

public sealed class AccountActionsTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task NewAccount_CreatedInTheConsole_IsInvitedAndAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var email = $"werkgever-{Guid.NewGuid():N}@test.example";
        var form = await admin.Browser.OpenAsync("/Admin/Accounts/New", ct);

        var details = await admin.Browser.SubmitAsync(form, "form.new-account", new Dictionary<string, string>
        {
            ["DisplayName"] = "Petra Jansen",
            ["Email"] = email,
            ["AccountType"] = "Employer",
            ["Organisation"] = "Bakkerij Jansen BV",
            ["Language"] = "en",
        }, ct);
        var mail = await (await SmtpSink.Shared).NextMessageAsync(email, ct);
        var duplicate = await admin.Browser.SubmitAsync(form, "form.new-account", new Dictionary<string, string>
        {
            ["DisplayName"] = "Petra Jansen",
            ["Email"] = email,
            ["AccountType"] = "Employer",
            ["Organisation"] = "Bakkerij Jansen BV",
        }, ct);

        Assert.Equal("Petra Jansen", details.Text("h1"));
        Assert.Contains("Uitgenodigd", details.Text(".account-status"), StringComparison.Ordinal);
        Assert.Contains("Account aangemaakt", details.Text("table.security-events"), StringComparison.Ordinal);
        Assert.Contains(admin.Account.Email, details.Text("table.security-events"), StringComparison.Ordinal);
        Assert.Equal("Activate your Sigma Personeelsdiensten account (Employer, Bakkerij Jansen BV)", mail.Subject);
        Assert.Contains("Er bestaat al een account", duplicate.Text(".validation-summary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivate_EndsTheSessionsAndBlocksSignInUntilReactivated()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var session = app.NewBrowser();
        await session.SignInAsync(app, person, ct);
        var admin = await AdminSession.StartAsync(app, ct);

        var deactivated = await admin.ConfirmAsync(person.Id, "Deactivate", "confirm-deactivate", "Contract beëindigd", ct);
        using var kicked = await session.Client.GetAsync(new Uri("/", UriKind.Relative), ct);
        var refused = await app.NewBrowser().PasswordStepAsync(person.Email, person.Password!, ct);
        var reactivated = await admin.ActAsync(person.Id, "reactivate-form", ct);
        var back = await app.NewBrowser().SignInAsync(app, person, ct);

        Assert.Contains("Gedeactiveerd", deactivated.Text(".account-status"), StringComparison.Ordinal);
        Assert.Contains("Contract beëindigd", deactivated.Text("table.security-events"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, kicked.StatusCode);
        Assert.Equal("Inloggen", refused.Text("h1"));
        Assert.Contains("Actief", reactivated.Text(".account-status"), StringComparison.Ordinal);
        Assert.Equal($"Welkom, {person.DisplayName}", back.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "TokenReplay")]
    public async Task Deactivate_LinksIssuedBefore_NeverWorkAgainEvenAfterReactivation()
    {
        var ct = TestContext.Current.CancellationToken;
        var smtp = await SmtpSink.Shared;
        var invited = await new AccountBuilder(app).InvitedAsync(ct);
        var activated = await new AccountBuilder(app).ActivatedAsync(ct);
        await smtp.NextMessageAsync(activated.Email, ct);
        var admin = await AdminSession.StartAsync(app, ct);
        await admin.ActAsync(activated.Id, "send-reset-form", ct);
        var reset = SmtpSink.LinkIn(await smtp.NextMessageAsync(activated.Email, ct), "/Account/ResetPassword");

        foreach (var person in new[] { invited, activated })
        {
            await admin.ConfirmAsync(person.Id, "Deactivate", "confirm-deactivate", "Contract beëindigd", ct);
            await admin.ActAsync(person.Id, "reactivate-form", ct);
        }

        var activation = await app.NewBrowser().OpenAsync(invited.ActivationLink.PathAndQuery, ct);
        var resetPage = await app.NewBrowser().OpenAsync(reset.PathAndQuery, ct);
        Assert.Equal("Deze link werkt niet meer", activation.Text("h1"));
        Assert.Equal("Deze link werkt niet meer", resetPage.Text("h1"));
    }

    /// <summary>
    /// An address holds at most an employee and an employer account, so a password step never checks more than two
    /// hashes: an administrator's address is theirs alone, whichever way round it is tried.
    /// </summary>
    [Theory]
    [InlineData(AccountType.Employee, AccountType.Administrator)]
    [InlineData(AccountType.Administrator, AccountType.Employer)]
    public async Task NewAccount_SharingAnAddressWithAnAdministrator_IsRefused(AccountType first, AccountType second)
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = new AccountBuilder(app);
        var existing = await (first == AccountType.Administrator ? builder.AsAdministrator() : builder).InvitedAsync(ct);

        var result = await app.WithScopeAsync(s => s.GetRequiredService<AccountCreator>().CreateAsync(new NewAccount
        {
            Email = existing.Email,
            DisplayName = "Tweede Account",
            AccountType = second,
            Organisation = "Bakkerij Test BV",
            Language = "nl",
        }, ct));

        Assert.Equal("Account.AdministratorAddress", result.RefusedBecause);
    }

    [Fact]
    public async Task Edit_ToAdministratorOnAnAddressWithAnotherAccount_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var employee = await new AccountBuilder(app).ActivatedAsync(ct);
        var employer = await new AccountBuilder(app).WithEmail(employee.Email).AsEmployer().ActivatedAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);

        var refused = await app.WithScopeAsync(s => s.GetRequiredService<AccountEditor>().UpdateAsync(employer.Id,
            new AccountChanges { AccountType = AccountType.Administrator, Language = "nl" }, admin.Account.Id, ct));

        Assert.Equal("Account.AdministratorAddress", refused);
    }

    [Fact]
    public async Task Administrator_CannotDeactivateThemselves()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);

        var own = await admin.AccountPageAsync(admin.Account.Id, ct);
        var attempt = await admin.ConfirmAsync(admin.Account.Id, "Deactivate", "confirm-deactivate", "oeps", ct);

        Assert.False(own.Has($"a[href='/Admin/Accounts/{admin.Account.Id}/Deactivate']"));
        Assert.Contains("Dat kan niet", attempt.Text(".notice"), StringComparison.Ordinal);
        Assert.Contains("Actief", attempt.Text(".account-status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_EndsALockoutEarly()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await app.NewBrowser().PasswordStepAsync(person.Email, "fout wachtwoord " + attempt, ct);
        }

        var admin = await AdminSession.StartAsync(app, ct);
        var locked = await admin.AccountPageAsync(person.Id, ct);
        var unlocked = await admin.ActAsync(person.Id, "unlock-form", ct);
        var signedIn = await app.NewBrowser().SignInAsync(app, person, ct);

        Assert.Contains("Geblokkeerd", locked.Text(".account-status"), StringComparison.Ordinal);
        Assert.Contains("Actief", unlocked.Text(".account-status"), StringComparison.Ordinal);
        Assert.Equal($"Welkom, {person.DisplayName}", signedIn.Text("h1"));
    }

    [Fact]
    public async Task ResendInvitation_SendsANewLinkAndKillsTheOldOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).InvitedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(person.Email, ct);
        var admin = await AdminSession.StartAsync(app, ct);

        await admin.ActAsync(person.Id, "resend-form", ct);
        var fresh = SmtpSink.LinkIn(await smtp.NextMessageAsync(person.Email, ct), "/Account/Activate");
        var old = await app.NewBrowser().OpenAsync(person.ActivationLink.PathAndQuery, ct);
        var current = await app.NewBrowser().OpenAsync(fresh.PathAndQuery, ct);

        Assert.Equal("Deze link werkt niet meer", old.Text("h1"));
        Assert.Equal("Kies uw wachtwoord", current.Text("h1"));
    }

    [Fact]
    public async Task SendPasswordReset_EmailsTheAccountALink()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).ActivatedAsync(ct);
        var smtp = await SmtpSink.Shared;
        await smtp.NextMessageAsync(person.Email, ct);
        var admin = await AdminSession.StartAsync(app, ct);

        var page = await admin.ActAsync(person.Id, "send-reset-form", ct);
        var mail = await smtp.NextMessageAsync(person.Email, ct);

        Assert.Contains("Link voor nieuw wachtwoord verstuurd", page.Text("table.security-events"), StringComparison.Ordinal);
        Assert.Equal("Kies een nieuw wachtwoord voor het Sigma Portaal (Werknemer)", mail.Subject);
    }

    [Fact]
    public async Task Edit_ChangesTypeOrganisationAndLanguage()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).ActivatedAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);
        var page = await admin.AccountPageAsync(person.Id, ct);

        var withoutOrganisation = await admin.Browser.SubmitAsync(page, "form.edit-account", new Dictionary<string, string> { ["AccountType"] = "Employer", ["Organisation"] = "" }, ct);
        var changed = await admin.Browser.SubmitAsync(page, "form.edit-account", new Dictionary<string, string>
        {
            ["AccountType"] = "Employer",
            ["Organisation"] = "Schoonmaak BV",
            ["Language"] = "en",
        }, ct);

        Assert.Contains("organisatie", withoutOrganisation.Text(".notice"), StringComparison.Ordinal);
        Assert.Contains("Werkgever", changed.Text("dl.summary"), StringComparison.Ordinal);
        Assert.Contains("Schoonmaak BV", changed.Text("dl.summary"), StringComparison.Ordinal);
        Assert.Contains("Soort: Werknemer → Werkgever; organisatie: geen → Schoonmaak BV; taal: Nederlands → English", changed.Text("table.security-events"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "HostileInput")]
    public async Task NewAccount_WithControlOrBidiCharacters_IsRefusedAndNotCreated()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await AdminSession.StartAsync(app, ct);
        var form = await admin.Browser.OpenAsync("/Admin/Accounts/New", ct);
        var messages = new Dictionary<string, string>
        {
            ["Email"] = "Het e-mailadres bevat een verborgen teken",
            ["DisplayName"] = "De naam bevat een verborgen teken",
            ["Organisation"] = "De organisatie bevat een verborgen teken",
        };

        foreach (var (field, message) in messages)
        {
            foreach (var hidden in new[] { "\r\n", "\t", "\u202E", "\u2067", "\u200E", "\u200F" })
            {
                var email = $"verborgen-{Guid.NewGuid():N}@test.example";
                var values = new Dictionary<string, string>
                {
                    ["DisplayName"] = "Petra Jansen",
                    ["Email"] = email,
                    ["AccountType"] = "Employer",
                    ["Organisation"] = "Bakkerij Jansen BV",
                };
                values[field] = values[field].Insert(3, hidden);

                var page = await admin.Browser.SubmitAsync(form, "form.new-account", values, ct);
                var found = await admin.Browser.OpenAsync("/Admin/Accounts?Search=" + Uri.EscapeDataString(email), ct);

                Assert.True(page.Text(".validation-summary").StartsWith(message, StringComparison.Ordinal), $"{field} with U+{(int)hidden[0]:X4}: {page.Text(".validation-summary")}");
                Assert.DoesNotContain(email, found.Text("main"), StringComparison.Ordinal);
            }
        }

        // A NUL never reaches the rule through a form: the framework cannot read the form (400, RequestLimitsTests).
        using var nul = await admin.Browser.PostFormAsync(form, "form.new-account", new Dictionary<string, string>
        {
            ["DisplayName"] = "Petra\0 Jansen",
            ["Email"] = $"nul-{Guid.NewGuid():N}@test.example",
        }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
    }

    [Fact]
    [Trait("Attack", "HostileInput")]
    public async Task Edit_OrganisationWithControlOrBidiCharacters_IsRefusedAndKeepsTheOldOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).AsEmployer("Schoonmaak BV").ActivatedAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);
        var page = await admin.AccountPageAsync(person.Id, ct);

        foreach (var hidden in new[] { "\r\n", "\t", "\u202E", "\u2066", "\u200F" })
        {
            var refused = await admin.Browser.SubmitAsync(page, "form.edit-account", new Dictionary<string, string>
            {
                ["AccountType"] = "Employer",
                ["Organisation"] = "Schoonmaak" + hidden + "BV",
            }, ct);

            Assert.StartsWith("De organisatie bevat een verborgen teken", refused.Text(".notice"), StringComparison.Ordinal);
            Assert.Contains("Schoonmaak BV", refused.Text("dl.summary"), StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Attack", "CSRF")]
    public async Task AdminAction_WithoutAntiforgeryToken_IsRejected()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var admin = await AdminSession.StartAsync(app, ct);

        using var content = new FormUrlEncodedContent([new("Reason", "forged")]);
        using var response = await admin.Browser.Client.PostAsync(new Uri($"/Admin/Accounts/{person.Id}/ResetTwoFactor", UriKind.Relative), content, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
