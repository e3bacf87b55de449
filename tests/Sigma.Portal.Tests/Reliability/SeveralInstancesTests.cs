using System.Net;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Reliability;

/// <summary>Two instances of the portal on one database, as behind a load balancer without sticky sessions.</summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private readonly string _folder = TestFolder.Create();
    private PortalFactory _first = null!;
    private PortalFactory _second = null!;

    public async ValueTask InitializeAsync()
    {
        _first = PortalFactory.OnFolder(_folder);
        _second = PortalFactory.OnFolder(_folder);
        _first.Clock.SetUtcNow(_second.Clock.GetUtcNow());
        await _first.InitializeAsync();
        await _second.InitializeAsync();
        // Both start at once, as a deployment does.
        await Task.WhenAll(Task.Run(() => _first.Services), Task.Run(() => _second.Services));
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        TestFolder.Delete(_folder);
    }

    [Fact]
    public async Task Session_StartedOnOneInstance_WorksOnTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(_first).WithAuthenticatorAsync(ct);
        var browser = _first.NewBrowser();
        await browser.SignInAsync(_first, person, ct);

        using var onSecond = await _second.GetWithCookiesAsync("/", browser.CookieHeader, ct);

        Assert.Equal(HttpStatusCode.OK, onSecond.StatusCode);
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task Code_AcceptedByOneInstance_IsRefusedByTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(_first).WithAuthenticatorAsync(ct);
        Advance(TimeSpan.FromSeconds(30));
        var code = TestTotp.CodeAt(person.AuthenticatorKey!, _first.Clock.GetUtcNow());
        var onFirst = _first.NewBrowser();
        var onSecond = _second.NewBrowser();
        var firstStep = await onFirst.PasswordStepAsync(person.Email, person.Password!, ct);
        var secondStep = await onSecond.PasswordStepAsync(person.Email, person.Password!, ct);

        var accepted = await onFirst.SubmitAsync(firstStep, "form.code-form", new Dictionary<string, string> { ["Code"] = code }, ct);
        var replayed = await onSecond.SubmitAsync(secondStep, "form.code-form", new Dictionary<string, string> { ["Code"] = code }, ct);

        Assert.Equal($"Welkom, {person.DisplayName}", accepted.Text("h1"));
        Assert.Equal("/TwoFactor/Verify", replayed.Url.AbsolutePath);
    }

    [Fact]
    [Trait("Attack", "BruteForce")]
    public async Task Lockout_CountsFailuresOnEveryInstanceTogether()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(_first).WithAuthenticatorAsync(ct);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var instance = attempt % 2 == 0 ? _first : _second;
            await instance.NewBrowser().PasswordStepAsync(person.Email, $"fout {attempt}", ct);
        }

        var onFirst = await _first.NewBrowser().PasswordStepAsync(person.Email, person.Password!, ct);
        var onSecond = await _second.NewBrowser().PasswordStepAsync(person.Email, person.Password!, ct);

        Assert.Equal("Inloggen", onFirst.Text("h1"));
        Assert.Equal("Inloggen", onSecond.Text("h1"));
    }

    [Fact]
    [Trait("Attack", "SessionReplay")]
    public async Task SignOut_OnOneInstance_EndsTheSessionOnTheOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(_first).WithAuthenticatorAsync(ct);
        var browser = _first.NewBrowser();
        await browser.SignInAsync(_first, person, ct);
        var copy = browser.CookieHeader;

        await browser.SignOutAsync(ct);
        using var onSecond = await _second.GetWithCookiesAsync("/", copy, ct);

        Assert.Equal(HttpStatusCode.Redirect, onSecond.StatusCode);
    }

    /// <summary>Whatever ends a person's sessions ends them for every instance at its next request, not minutes later.</summary>
    [Theory]
    [InlineData("sign out everywhere else")]
    [InlineData("password reset")]
    [InlineData("two-factor reset")]
    [InlineData("deactivation")]
    [Trait("Attack", "SessionReplay")]
    public async Task SessionsEnded_OnOneInstance_AreEndedOnTheOtherAtItsNextRequest(string ending)
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(_first).WithAuthenticatorAsync(ct);
        var kept = _first.NewBrowser();
        await kept.SignInAsync(_first, person, ct);
        using var before = await _second.GetWithCookiesAsync("/", kept.CookieHeader, ct);

        await EndSessionsAsync(ending, person, ct);
        using var after = await _second.GetWithCookiesAsync("/", kept.CookieHeader, ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task EndSessionsAsync(string ending, TestAccount person, CancellationToken ct)
    {
        if (ending == "sign out everywhere else")
        {
            var other = _first.NewBrowser();
            await other.SignInAsync(_first, person, ct);
            await other.SubmitAsync(await other.OpenAsync("/Settings/Sessions", ct), "form.sign-out-others", new Dictionary<string, string>(), ct);
            return;
        }

        var admin = await AdminSession.StartAsync(_first, ct);
        switch (ending)
        {
            case "password reset":
                await admin.ActAsync(person.Id, "send-reset-form", ct);
                var link = await LinkToAsync(person.Email, "/Account/ResetPassword", ct);
                var browser = _first.NewBrowser();
                var password = AccountBuilder.NewPassword();
                await browser.SubmitAsync(await browser.OpenAsync(link.PathAndQuery, ct), "form.set-password",
                    new Dictionary<string, string> { ["Password"] = password, ["ConfirmPassword"] = password }, ct);
                break;
            case "two-factor reset":
                await admin.ConfirmAsync(person.Id, "ResetTwoFactor", "confirm-reset", "Telefoon verloren", ct);
                break;
            default:
                await admin.ConfirmAsync(person.Id, "Deactivate", "confirm-deactivate", "Contract beëindigd", ct);
                break;
        }
    }

    private static async Task<Uri> LinkToAsync(string email, string path, CancellationToken ct)
    {
        var smtp = await SmtpSink.Shared;
        while (true)
        {
            var message = await smtp.NextMessageAsync(email, ct);
            if ((message.TextBody ?? "").Contains(path, StringComparison.Ordinal))
            {
                return SmtpSink.LinkIn(message, path);
            }
        }
    }

    private void Advance(TimeSpan by)
    {
        _first.Clock.Advance(by);
        _second.Clock.Advance(by);
    }
}
