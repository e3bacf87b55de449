using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Reliability;

/// <summary>A restart in the middle of every journey: what was handed out before still works after (the key ring is in the database).</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Journeys_InterruptedByARestart_ContinueAfterIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        var before = PortalFactory.OnFolder(folder);
        await before.InitializeAsync();
        var invited = await new AccountBuilder(before).InvitedAsync(ct);
        var enrolling = await new AccountBuilder(before).ActivatedAsync(ct);
        var setupBrowser = before.NewBrowser();
        var setupPage = await setupBrowser.PasswordStepAsync(enrolling.Email, enrolling.Password!, ct);
        var signedIn = await new AccountBuilder(before).WithAuthenticatorAsync(ct);
        var sessionBrowser = before.NewBrowser();
        await sessionBrowser.SignInAsync(before, signedIn, ct);
        var sessionCookie = sessionBrowser.CookieHeader;
        var lostPhone = await new AccountBuilder(before).WithAuthenticatorAsync(ct);
        var admin = await AdminSession.StartAsync(before, ct);
        var pass = (await admin.ConfirmAsync(lostPhone.Id, "ResetTwoFactor", "confirm-reset", "Telefoon kwijt", ct)).Text("#access-pass");
        var clock = before.Clock.GetUtcNow();
        await before.DisposeAsync();

        await using var after = PortalFactory.OnFolder(folder);
        after.Clock.SetUtcNow(clock);
        await after.InitializeAsync();
        var activation = await after.NewBrowser().OpenAsync(invited.ActivationLink.PathAndQuery, ct);
        var resumedSetup = after.NewBrowser();
        var resumedSetupPage = await resumedSetup.PasswordStepAsync(enrolling.Email, enrolling.Password!, ct);
        var (codes, _) = await resumedSetup.CompleteSetupAsync(after, resumedSetupPage, ct);
        using var session = await after.GetWithCookiesAsync("/", sessionCookie, ct);
        var passBrowser = after.NewBrowser();
        var passPage = await passBrowser.PasswordStepAsync(lostPhone.Email, lostPhone.Password!, ct);
        var setupAfterPass = await passBrowser.SubmitAsync(passPage, "form.access-pass-form", new Dictionary<string, string> { ["AccessPass"] = pass }, ct);

        Assert.Equal("Kies uw wachtwoord", activation.Text("h1"));
        Assert.Equal(setupPage.Text("#manual-key"), resumedSetupPage.Text("#manual-key"));
        Assert.Equal(10, codes.Document.QuerySelectorAll("ol.recovery-codes code").Length);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("/TwoFactor/Setup", setupAfterPass.Url.AbsolutePath);
        TestFolder.Delete(folder);
    }
}
