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

    private void Advance(TimeSpan by)
    {
        _first.Clock.Advance(by);
        _second.Clock.Advance(by);
    }
}
