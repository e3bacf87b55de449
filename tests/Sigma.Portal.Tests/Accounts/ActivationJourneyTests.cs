using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Accounts;

public sealed class ActivationJourneyTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Invitation_FromEmailToInloggen_SignsThePersonIn()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithName("Fatima el Amrani").InvitedAsync(ct);
        var smtp = await SmtpSink.Shared;
        var browser = app.NewBrowser();

        var mail = await smtp.NextMessageAsync(account.Email, ct);
        var form = await browser.OpenAsync(SmtpSink.LinkIn(mail, "/Account/Activate").PathAndQuery, ct);
        var password = AccountBuilder.NewPassword();
        var login = await browser.SubmitAsync(form, "form.set-password", new Dictionary<string, string>
        {
            ["Password"] = password,
            ["ConfirmPassword"] = password,
        }, ct);
        var setup = await browser.SubmitAsync(login, "form.login-form", new Dictionary<string, string> { ["Password"] = password }, ct);
        var (codes, _) = await browser.CompleteSetupAsync(app, setup, ct);
        var home = await browser.OpenAsync(codes.Document.QuerySelector("a.button:not([download])")!.GetAttribute("href")!, ct);

        Assert.Equal("Activeer uw account bij Sigma Personeelsdiensten (Werknemer)", mail.Subject);
        Assert.Contains(account.Email, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Werknemer", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Klik hier om uw Sigma Personeelsdiensten-account te bevestigen", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Kies uw wachtwoord", form.Text("h1"));
        Assert.Equal("/Account/Login", login.Url.AbsolutePath);
        Assert.Equal(account.Email, login.Document.QuerySelector("#Email")?.GetAttribute("value"));
        Assert.Equal("Inloggen", login.Text("form.login-form button[type=submit]"));
        Assert.Equal("Tweestapsverificatie instellen", setup.Text("h1"));
        Assert.Equal(10, codes.Document.QuerySelectorAll("ol.recovery-codes li").Length);
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("Welkom, Fatima el Amrani", home.Text("h1"));
    }

    [Fact]
    public async Task Invitation_ForEnglishAccount_IsInEnglish()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).AsEmployer().InEnglish().InvitedAsync(ct);

        var mail = await (await SmtpSink.Shared).NextMessageAsync(account.Email, ct);

        Assert.Equal("Activate your Sigma Personeelsdiensten account (Employer, Bakkerij Test BV)", mail.Subject);
        Assert.Contains("Click here to confirm your Sigma Personeelsdiensten account", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Employer", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_SameEmailAndTypeTwice_IsRefusedWithAClearMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => new AccountBuilder(app).WithEmail(account.Email.ToUpperInvariant()).InvitedAsync(ct));
        var employer = await new AccountBuilder(app).WithEmail(account.Email).AsEmployer().InvitedAsync(ct);

        Assert.Contains("Account.Duplicate", exception.Message, StringComparison.Ordinal);
        Assert.NotEqual(account.Id, employer.Id);
    }

    [Fact]
    public async Task CreateAdmin_Command_PrintsALinkThatActivatesTheAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"admin-{Guid.NewGuid():N}@test.example";
        var result = await RunCreateAdminAsync(ct, "--email", email, "--name", "Anna Admin");
        var link = new Uri(result.Output.Split('\n', StringSplitOptions.TrimEntries).Last(l => l.StartsWith("https://", StringComparison.Ordinal)));
        var browser = app.NewBrowser();
        var password = AccountBuilder.NewPassword();

        var form = await browser.OpenAsync(link.PathAndQuery, ct);
        await browser.SubmitAsync(form, "form.set-password", new Dictionary<string, string> { ["Password"] = password, ["ConfirmPassword"] = password }, ct);
        var setup = await browser.PasswordStepAsync(email, password, ct);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("https://portal.test/Account/Activate?", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("Tweestapsverificatie instellen", setup.Text("h1"));
        Assert.EndsWith("(Beheerder)", setup.Text(".account-label"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task CreateAdmin_BadEmail_FailsWithNonZeroExit(string email)
    {
        var result = await RunCreateAdminAsync(TestContext.Current.CancellationToken, "--email", email, "--name", "X");

        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEmpty(result.Error.Trim());
    }

    [Fact]
    public async Task CreateAdmin_DuplicateEmail_FailsWithNonZeroExit()
    {
        var ct = TestContext.Current.CancellationToken;
        var existing = await new AccountBuilder(app).AsAdministrator().InvitedAsync(ct);

        var result = await RunCreateAdminAsync(ct, "--email", existing.Email, "--name", "Twice");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Er bestaat al een account", result.Error, StringComparison.Ordinal);
    }

    private Task<PortalProcess.Result> RunCreateAdminAsync(CancellationToken ct, params string[] arguments) =>
        PortalProcess.RunCommandAsync(app, "create-admin", arguments, ct);
}
