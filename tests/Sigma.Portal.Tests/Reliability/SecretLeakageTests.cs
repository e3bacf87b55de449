using System.Text;
using System.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Reliability;

/// <summary>
/// The journeys once more, with every log entry of every level captured: afterwards neither the logs nor the raw
/// database file may hold a password, authenticator key, code, recovery code, access pass, token or activation link,
/// nor an application's secret, authorization code, ID, access or refresh token.
/// </summary>
public sealed class SecretLeakageTests(SecretLeakageTests.LoggedPortal app) : IClassFixture<SecretLeakageTests.LoggedPortal>
{
    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task Journeys_LeaveNoUsableSecretInTheLogsOrTheDatabaseFile()
    {
        var ct = TestContext.Current.CancellationToken;
        var secrets = new List<string>();
        var codes = new List<string>();
        var smtp = await SmtpSink.Shared;

        // Activation by the emailed link, setup, sign-out, sign-in with a code and with a recovery code.
        var person = await new AccountBuilder(app).InvitedAsync(ct);
        var browser = app.NewBrowser();
        var link = SmtpSink.LinkIn(await smtp.NextMessageAsync(person.Email, ct), "/Account/Activate");
        secrets.Add(link.AbsoluteUri);
        secrets.Add(HttpUtility.ParseQueryString(link.Query)["token"]!);
        var password = "paarse olifant danst op dinsdag 7";
        secrets.Add(password);
        var form = await browser.OpenAsync(link.PathAndQuery, ct);
        var login = await browser.SubmitAsync(form, "form.set-password", new Dictionary<string, string> { ["Password"] = password, ["ConfirmPassword"] = password }, ct);
        var setup = await browser.SubmitAsync(login, "form.login-form", new Dictionary<string, string> { ["Password"] = password }, ct);
        var (recovery, key) = await browser.CompleteSetupAsync(app, setup, ct);
        secrets.Add(key);
        secrets.Add(key.Replace(" ", "", StringComparison.Ordinal));
        var recoveryCodes = recovery.Document.QuerySelectorAll("ol.recovery-codes code").Select(c => c.TextContent).ToList();
        secrets.AddRange(recoveryCodes);
        secrets.AddRange(recoveryCodes.Select(c => c.Replace("-", "", StringComparison.Ordinal)));
        codes.Add(TestTotp.CodeAt(key, app.Clock.GetUtcNow()));
        await browser.SignOutAsync(ct);
        var account = new TestAccount { Id = person.Id, Email = person.Email, DisplayName = person.DisplayName, AccountType = person.AccountType, ActivationLink = link, Password = password, AuthenticatorKey = key };
        await app.NewBrowser().SignInAsync(app, account, ct);
        codes.Add(TestTotp.CodeAt(key, app.Clock.GetUtcNow()));
        // Single sign-on: a code, its tokens, a refreshed set, and the application's secret.
        var application = await TestApplication.RegisterAsync(app, "Loonstroken", ct);
        secrets.Add(application.Secret!);
        var ssoBrowser = app.NewBrowser();
        var request = application.NewRequest();
        var authorizationCode = application.CodeFrom(await TestApplication.SignInThroughPortalAsync(ssoBrowser, app, account, request, ct), request);
        codes.Add(TestTotp.CodeAt(key, app.Clock.GetUtcNow()));
        var tokens = await application.RedeemAsync(ssoBrowser.Client, authorizationCode, request.Verifier, ct);
        var refreshed = await application.RefreshAsync(ssoBrowser.Client, tokens.RefreshToken!, ct);
        secrets.AddRange([authorizationCode, request.Verifier, tokens.IdToken!, tokens.AccessToken!, tokens.RefreshToken!, refreshed.RefreshToken!, refreshed.AccessToken!]);

        var withRecovery = app.NewBrowser();
        await withRecovery.PasswordStepAsync(person.Email, password, ct);
        var recoveryForm = await withRecovery.OpenAsync("/TwoFactor/Recovery", ct);
        await withRecovery.SubmitAsync(recoveryForm, "form.recovery-form", new Dictionary<string, string> { ["RecoveryCode"] = recoveryCodes[0] }, ct);

        // A password reset by email link, and a lost phone with an access pass.
        var resetBrowser = app.NewBrowser();
        var forgot = await resetBrowser.OpenAsync("/Account/ForgotPassword", ct);
        await resetBrowser.SubmitAsync(forgot, "form.request-link", new Dictionary<string, string> { ["Email"] = person.Email }, ct);
        var resetLink = SmtpSink.LinkIn(await NextWithSubjectAsync(smtp, person.Email, "Kies een nieuw wachtwoord voor het Sigma Portaal (Werknemer)", ct), "/Account/ResetPassword");
        secrets.Add(resetLink.AbsoluteUri);
        secrets.Add(HttpUtility.ParseQueryString(resetLink.Query)["token"]!);
        var admin = await AdminSession.StartAsync(app, ct);
        var pass = (await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "Telefoon kwijt", ct)).Text("#access-pass");
        secrets.Add(pass);
        secrets.Add(pass.Replace("-", "", StringComparison.Ordinal));
        var passBrowser = app.NewBrowser();
        var passPage = await passBrowser.PasswordStepAsync(person.Email, password, ct);
        await passBrowser.SubmitAsync(passPage, "form.access-pass-form", new Dictionary<string, string> { ["AccessPass"] = pass }, ct);

        // Both what the log providers get and what the console prints as JSON lines, the audit events among them.
        var logs = string.Join("\n", app.Logs.Entries) + "\n" + app.ConsoleLines.JsonText;
        var database = await ReadDatabaseAsync(ct);

        Assert.NotEmpty(app.Logs.Entries);
        Assert.Contains("Debug", logs, StringComparison.Ordinal);
        Assert.Contains("SignInSucceeded", app.ConsoleLines.JsonText, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
            Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        }

        foreach (var code in codes)
        {
            Assert.DoesNotMatch($"(?<![0-9]){code}(?![0-9])", logs);
        }
    }

    private async Task<byte[]> ReadDatabaseAsync(CancellationToken ct)
    {
        var parts = new List<byte>();
        foreach (var file in new[] { app.DatabasePath, app.DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            parts.AddRange(copy.ToArray());
        }

        return [.. parts];
    }

    private static async Task<MimeKit.MimeMessage> NextWithSubjectAsync(SmtpSink smtp, string to, string subject, CancellationToken ct)
    {
        while (true)
        {
            var message = await smtp.NextMessageAsync(to, ct);
            if (message.Subject == subject)
            {
                return message;
            }
        }
    }

    public sealed class LoggedPortal : PortalFactory
    {
        public LoggedPortal()
        {
            // Everything the configuration can switch on: the portal's own category filters are what remains.
            Settings["Logging:LogLevel:Default"] = "Trace";
            Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
            Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace";
            Settings["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Trace";
            Settings["Logging:Console:FormatterName"] = "json";
            Settings["Audit:WriteToLog"] = "true";
            CaptureConsole = true;
        }

        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddProvider(Logs);
            });
        }
    }
}
