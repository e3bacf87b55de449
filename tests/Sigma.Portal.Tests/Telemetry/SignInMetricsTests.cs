using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Telemetry;

/// <summary>
/// sigma.portal.signin after real requests: every attempt counted once, by step and outcome, and the lockouts; the
/// tags never carry an address or an account.
/// </summary>
public sealed class SignInMetricsTests : IAsyncLifetime
{
    private readonly PortalFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Accounts:MaxFailedAttempts"] = "3";
        await _app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Attempts_AreCountedOnceEach_ByStepAndOutcome()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        using var authenticator = new SoftwareAuthenticator();
        await TestPasskeys.AddAsync(_app, account.Id, authenticator);
        using var attempts = Collector("sigma.portal.signin.attempts");

        await _app.NewBrowser().PasswordStepAsync("nobody-" + Guid.NewGuid().ToString("N") + "@test.example", "a password of some length", ct);
        await _app.NewBrowser().PasswordStepAsync(account.Email, "not the password at all", ct);
        var browser = _app.NewBrowser();
        var codeStep = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        var again = await browser.SubmitAsync(codeStep, "form.code-form", new Dictionary<string, string> { ["Code"] = "000000" }, ct);
        await browser.EnterCodeAsync(_app, again, account.AuthenticatorKey!, ct);
        await _app.NewBrowser().SignInWithPasskeyAsync(authenticator, ct);
        using var stranger = new SoftwareAuthenticator();
        await _app.NewBrowser().SignInWithPasskeyAsync(stranger, ct);

        Assert.Equal(
            ["code:ok", "code:wrong", "passkey:ok", "passkey:wrong", "password:ok", "password:unknown_account", "password:wrong"],
            Counted(attempts));
        Assert.All(attempts.GetMeasurementSnapshot(), m => Assert.Equal(["sigma.outcome", "sigma.step"], m.Tags.Keys.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Lockout_IsCountedOnce_AndTheGuessesAfterItAsLocked()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        using var lockouts = Collector("sigma.portal.signin.lockouts");
        using var attempts = Collector("sigma.portal.signin.attempts");

        for (var guess = 0; guess < 4; guess++)
        {
            await _app.NewBrowser().PasswordStepAsync(account.Email, $"wrong guess number {guess}", ct);
        }

        Assert.Equal(1, lockouts.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(["password:locked", "password:wrong", "password:wrong", "password:wrong"], Counted(attempts));
    }

    [Fact]
    [Trait("Attack", "Replay")]
    public async Task ReplayedCode_IsCountedAsReplayed_AndAuditedSo()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        using var attempts = Collector("sigma.portal.signin.attempts");

        var first = _app.NewBrowser();
        await first.EnterCodeAsync(_app, await first.PasswordStepAsync(account.Email, account.Password!, ct), account.AuthenticatorKey!, ct);
        var second = _app.NewBrowser();
        var seen = TestTotp.CodeAt(account.AuthenticatorKey!, _app.Clock.GetUtcNow());
        var refused = await second.SubmitAsync(await second.PasswordStepAsync(account.Email, account.Password!, ct), "form.code-form", new Dictionary<string, string> { ["Code"] = seen }, ct);
        var failure = await _app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents
            .Where(e => e.UserId == account.Id && e.EventType == "SignInFailed").Select(e => e.Detail).SingleAsync(ct));

        Assert.True(refused.Has("input[name=Code]"), "The replayed code leaves the person at the code step.");
        Assert.Equal(["code:ok", "code:replayed", "password:ok", "password:ok"], Counted(attempts));
        Assert.Equal("ReplayedCode", failure);
    }

    private MetricCollector<long> Collector(string instrument) =>
        new(_app.Services.GetRequiredService<IMeterFactory>(), "sigma.portal.signin", instrument);

    private static List<string> Counted(MetricCollector<long> collector) =>
        [.. collector.GetMeasurementSnapshot()
            .SelectMany(m => Enumerable.Repeat($"{m.Tags["sigma.step"]}:{m.Tags["sigma.outcome"]}", (int)m.Value))
            .Order(StringComparer.Ordinal)];
}
