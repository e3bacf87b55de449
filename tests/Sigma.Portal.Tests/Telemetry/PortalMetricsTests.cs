using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Data.Administration;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.Authenticators;
using Sigma.Portal.TwoFactor.LostPhone;

namespace Sigma.Portal.Tests.Telemetry;

/// <summary>
/// The portal's meters after real journeys, each read from this portal's own meter factory: every counter moves by
/// exactly what the journey did, a change that rolled back moves none, and no label carries a person's data.
/// </summary>
public sealed class PortalMetricsTests : IAsyncLifetime
{
    private readonly PortalFactory _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AccountJourney_CountsItsCreation_Activation_SetUps_AndReset_OnceEach()
    {
        var ct = TestContext.Current.CancellationToken;
        using var created = Collector("sigma.portal.accounts", "sigma.portal.accounts.created");
        using var activated = Collector("sigma.portal.accounts", "sigma.portal.accounts.activations");
        using var setUps = Collector("sigma.portal.twofactor", "sigma.portal.twofactor.setups");
        using var resets = Collector("sigma.portal.twofactor", "sigma.portal.twofactor.resets");

        var account = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        await ReplaceAuthenticatorAsync(account.Id, ct);
        await _app.WithScopeAsync(s => s.GetRequiredService<TwoFactorReset>().ResetAsync(account.Id, Guid.NewGuid(), "Telefoon verloren", ct));

        Assert.Equal(1, created.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(1, activated.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(["first", "new_phone"], [.. setUps.GetMeasurementSnapshot().Select(m => (string)m.Tags["sigma.kind"]!).Order(StringComparer.Ordinal)]);
        Assert.Equal(1, resets.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.All(resets.GetMeasurementSnapshot(), m => Assert.Empty(m.Tags));
    }

    [Fact]
    public async Task AuditedChange_ThatRollsBack_IsNotCounted_AndOnceCommittedIsCountedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(_app).ActivatedAsync(ct);
        using var resets = Collector("sigma.portal.twofactor", "sigma.portal.twofactor.resets");

        foreach (var commit in new[] { false, true })
        {
            await _app.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<PortalDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                services.GetRequiredService<AuditTrail>().Record(AuditEventType.TwoFactorReset, account.Id, "test");
                await db.SaveChangesAsync(ct);
                await (commit ? transaction.CommitAsync(ct) : transaction.RollbackAsync(ct));
                return commit;
            });
            Assert.Equal(commit ? 1 : 0, resets.GetMeasurementSnapshot().EvaluateAsCounter());
        }
    }

    [Fact]
    public async Task SaveThatFails_InsideATransaction_ForgetsOnlyItsOwnEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(_app).ActivatedAsync(ct);
        using var resets = Collector("sigma.portal.twofactor", "sigma.portal.twofactor.resets");
        var taken = Guid.NewGuid();

        await _app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var audit = services.GetRequiredService<AuditTrail>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            audit.Record(AuditEventType.TwoFactorReset, account.Id, "saved");
            db.PortalInstances.Add(Instance(taken));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            audit.Record(AuditEventType.TwoFactorReset, account.Id, "save fails");
            db.PortalInstances.Add(Instance(taken));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(ct);
            return true;
        });

        Assert.Equal(1, resets.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Theory]
    [InlineData(nameof(AuditEventType.TwoFactorSetUp), "first")]
    [InlineData(nameof(AuditEventType.TwoFactorReplaced), "new_phone")]
    [InlineData(nameof(AuditEventType.PasskeyAdded), "passkey")]
    public void SetUp_OfEachKind_IsCountedUnderItsKind(string eventType, string kind)
    {
        using var setUps = Collector("sigma.portal.twofactor", "sigma.portal.twofactor.setups");

        _app.Services.GetRequiredService<Sigma.Portal.TwoFactor.TwoFactorMetrics>().Committed(
            [new Sigma.Portal.Data.Audit.AuditEvent { EventType = eventType }, new Sigma.Portal.Data.Audit.AuditEvent { EventType = nameof(AuditEventType.SignInSucceeded) }]);

        var counted = Assert.Single(setUps.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal(kind, counted.Tags["sigma.kind"]);
    }

    [Fact]
    public async Task ActiveSessions_CountSignedInSessions_AndNotTheEndedOrIdleOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        var second = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        using var active = Collector<int>("sigma.portal.sessions", "sigma.portal.sessions.active");
        // With telemetry on, the portal creates its gauges as it starts (PrometheusTests); here the test does.
        _app.Services.GetRequiredService<Sigma.Portal.Sessions.SessionMetrics>();

        var firstBrowser = _app.NewBrowser();
        await firstBrowser.SignInAsync(_app, first, ct);
        await _app.NewBrowser().SignInAsync(_app, second, ct);
        active.RecordObservableInstruments();
        var bothSignedIn = active.LastMeasurement!.Value;
        await firstBrowser.SignOutAsync(ct);
        active.RecordObservableInstruments();
        var oneSignedOut = active.LastMeasurement!.Value;
        _app.Clock.Advance(TimeSpan.FromHours(1));
        active.RecordObservableInstruments();

        Assert.Equal(2, bothSignedIn);
        Assert.Equal(1, oneSignedOut);
        Assert.Equal(0, active.LastMeasurement!.Value);
    }

    [Fact]
    public async Task Tokens_AreCountedPerApplicationAndGrant()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(_app).WithAuthenticatorAsync(ct);
        var application = await TestApplication.RegisterAsync(_app, "Loonstroken", ct);
        using var tokens = Collector("sigma.portal.sso", "sigma.portal.sso.tokens");
        var browser = _app.NewBrowser();
        var request = application.NewRequest();

        var issued = await application.RedeemAsync(browser.Client, application.CodeFrom(await TestApplication.SignInThroughPortalAsync(browser, _app, account, request, ct), request), request.Verifier, ct);
        await application.RefreshAsync(browser.Client, issued.RefreshToken!, ct);
        await application.RedeemAsync(browser.Client, application.CodeFrom(await browser.OpenAsync(request.Url, ct), request), "not the verifier of this request", ct);

        Assert.Equal(
            [$"{application.ClientId}:authorization_code", $"{application.ClientId}:refresh_token"],
            [.. tokens.GetMeasurementSnapshot().Select(m => $"{m.Tags["sigma.application"]}:{m.Tags["sigma.grant"]}").Order(StringComparer.Ordinal)]);
    }

    private Task<EnrolmentResult> ReplaceAuthenticatorAsync(Guid accountId, CancellationToken ct) => _app.WithScopeAsync(async services =>
    {
        var user = (await services.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(accountId.ToString()))!;
        var enrolment = services.GetRequiredService<AuthenticatorEnrolment>();
        var setup = await enrolment.PendingAsync(user, ct);
        var result = await enrolment.ConfirmAsync(user, TestTotp.CodeAt(setup.ManualKey, _app.Clock.GetUtcNow()), replacing: true, ct);
        Assert.True(result.Confirmed);
        return result;
    });

    private PortalInstance Instance(Guid id) =>
        new() { Id = id, MachineName = "test", Version = "0", StartedUtc = _app.Clock.GetUtcNow().UtcDateTime, LastSeenUtc = _app.Clock.GetUtcNow().UtcDateTime };

    private MetricCollector<long> Collector(string meter, string instrument) => Collector<long>(meter, instrument);

    private MetricCollector<T> Collector<T>(string meter, string instrument)
        where T : struct =>
        new(_app.Services.GetRequiredService<IMeterFactory>(), meter, instrument);
}
