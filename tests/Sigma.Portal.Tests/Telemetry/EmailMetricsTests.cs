using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Sigma.Portal.Email;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using SmtpServer.Protocol;

namespace Sigma.Portal.Tests.Telemetry;

/// <summary>
/// sigma.portal.email after real sends to an SMTP server on loopback: queued, sent, failed and dead each counted once
/// per message by kind, and the gauges read from the outbox (what is still to go, how long the oldest has waited).
/// </summary>
public sealed class EmailMetricsTests
{
    [Fact]
    public async Task Message_Sent_IsCountedQueuedThenSent_AndLeavesNothingUnsent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory { ManualDispatch = true };
        await app.InitializeAsync();
        using var queued = Collector(app, "sigma.portal.email.queued");
        using var sent = Collector(app, "sigma.portal.email.sent");
        using var unsent = Collector<int>(app, "sigma.portal.email.unsent");

        await new AccountBuilder(app).InvitedAsync(ct);
        unsent.RecordObservableInstruments();
        var before = States(unsent);
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);
        unsent.RecordObservableInstruments();

        Assert.Equal(["Activation"], Kinds(queued));
        Assert.Equal(["Activation"], Kinds(sent));
        Assert.Equal(new Dictionary<string, int> { ["dead"] = 0, ["retrying"] = 0, ["waiting"] = 1 }, before);
        Assert.Equal(new Dictionary<string, int> { ["dead"] = 0, ["retrying"] = 0, ["waiting"] = 0 }, States(unsent));
    }

    [Fact]
    public async Task Message_RefusedEveryTime_IsCountedFailedThenDead_AndTheOldestAgeFollowsTheClock()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var smtp = await SmtpSink.StartNewAsync();
        smtp.Refusal = new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "mailbox unavailable");
        await using var app = new PortalFactory { Smtp = smtp, ManualDispatch = true };
        app.Settings["Outbox:MaxAttempts"] = "2";
        await app.InitializeAsync();
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        using var failed = Collector(app, "sigma.portal.email.failed");
        using var dead = Collector(app, "sigma.portal.email.dead");
        using var unsent = Collector<int>(app, "sigma.portal.email.unsent");
        using var age = Collector<double>(app, "sigma.portal.email.oldest_unsent.age");

        await new AccountBuilder(app).InvitedAsync(ct);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        age.RecordObservableInstruments();
        var waitedFiveMinutes = age.LastMeasurement!.Value;
        await dispatcher.DispatchDueAsync(ct);
        unsent.RecordObservableInstruments();
        var afterFirstAttempt = States(unsent);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await dispatcher.DispatchDueAsync(ct);
        unsent.RecordObservableInstruments();
        age.RecordObservableInstruments();

        Assert.Equal(300, waitedFiveMinutes);
        Assert.Equal(["Activation"], Kinds(failed));
        Assert.Equal(["Activation"], Kinds(dead));
        Assert.Equal(new Dictionary<string, int> { ["dead"] = 0, ["retrying"] = 1, ["waiting"] = 0 }, afterFirstAttempt);
        Assert.Equal(new Dictionary<string, int> { ["dead"] = 1, ["retrying"] = 0, ["waiting"] = 0 }, States(unsent));
        // Given up on, it no longer counts as waiting to be sent: the dead gauge has it.
        Assert.Equal(0, age.LastMeasurement!.Value);
    }

    private static MetricCollector<long> Collector(PortalFactory app, string instrument) => Collector<long>(app, instrument);

    private static MetricCollector<T> Collector<T>(PortalFactory app, string instrument)
        where T : struct =>
        new(app.Services.GetRequiredService<IMeterFactory>(), "sigma.portal.email", instrument);

    private static List<string> Kinds(MetricCollector<long> collector) =>
        [.. collector.GetMeasurementSnapshot().SelectMany(m => Enumerable.Repeat((string)m.Tags["sigma.kind"]!, (int)m.Value))];

    // The last collection's three measurements, by state.
    private static Dictionary<string, int> States(MetricCollector<int> collector) =>
        collector.GetMeasurementSnapshot().TakeLast(3).ToDictionary(m => (string)m.Tags["sigma.state"]!, m => m.Value);
}
