using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Infrastructure.Hosting;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.Tests.Security;

namespace Sigma.Portal.Tests.Accounts;

/// <summary>
/// A flood of sign-ins must not take every core and thread: password hashes run a limited number at a time behind a
/// bounded queue, and beyond it a sign-in is refused with a friendly 503 while the rest of the site answers.
/// The slots are taken by holding them open, so nothing depends on timing.
/// </summary>
public sealed class PasswordWorkTests
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    [Fact]
    [Trait("Attack", "LoginFlood")]
    public async Task Hashes_BeyondTheSlotsWait_AndBeyondTheQueueAreRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = new PasswordWork(Options.Create(new PasswordWorkOptions { ConcurrentHashes = 1, QueueLimit = 1 }), Meters, NullLogger<PasswordWork>.Instance);
        using var release = new ManualResetEventSlim();
        var running = new TaskCompletionSource();

        var first = Task.Run(() => work.RunAsync(() => Hold(running, release), ct), ct);
        await running.Task;
        var queued = work.RunAsync(() => 2, ct);
        var refused = await Assert.ThrowsAsync<PortalBusyException>(() => work.RunAsync(() => 3, ct));
        var queuedBeforeRelease = queued.IsCompleted;
        release.Set();

        Assert.False(queuedBeforeRelease);
        Assert.Equal(1, await first);
        Assert.Equal(2, await queued);
        Assert.NotNull(refused);
    }

    [Fact]
    [Trait("Attack", "LoginFlood")]
    public async Task Hash_WaitingLongerThanMaxWait_IsRefusedNeverRuns_AndFreesItsPlace()
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = new PasswordWork(Options.Create(new PasswordWorkOptions { ConcurrentHashes = 1, QueueLimit = 1, MaxWait = TimeSpan.FromSeconds(1) }), Meters, NullLogger<PasswordWork>.Instance);
        using var release = new ManualResetEventSlim();
        var running = new TaskCompletionSource();
        var waitedTooLongRan = false;

        var first = Task.Run(() => work.RunAsync(() => Hold(running, release), ct), ct);
        await running.Task;
        var refused = await Assert.ThrowsAsync<PortalBusyException>(() => work.RunAsync(() => waitedTooLongRan = true, ct));
        var next = work.RunAsync(() => 3, ct);
        release.Set();

        Assert.NotNull(refused);
        Assert.Equal(1, await first);
        Assert.Equal(3, await next);
        Assert.False(waitedTooLongRan);
    }

    [Fact]
    [Trait("Attack", "LoginFlood")]
    public async Task Hashes_RunOnThreadsOfLowerPriorityThanRequests_AndTheRequestContinuesElsewhere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = new PasswordWork(Options.Create(new PasswordWorkOptions { ConcurrentHashes = 1, QueueLimit = 1 }), Meters, NullLogger<PasswordWork>.Instance);

        var niceBefore = LowPriority.CurrentNice();
        var (nice, hashThread) = await work.RunAsync(() => (LowPriority.CurrentNice(), Environment.CurrentManagedThreadId), ct);
        var continuedOn = Environment.CurrentManagedThreadId;

        if (OperatingSystem.IsLinux())
        {
            Assert.True(nice >= LowPriority.Nice, $"The hashing thread runs at nice {nice}.");
            // Only the hashing thread: on Linux setpriority on the calling thread must not renice the whole process.
            Assert.Equal(niceBefore, LowPriority.CurrentNice());
        }

        Assert.NotEqual(hashThread, continuedOn);
    }

    [Fact]
    [Trait("Attack", "LoginFlood")]
    public async Task Login_WhenHashingIsFull_Answers503WithRetryAfter_WhileOtherPagesStillAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        app.Settings["PasswordWork:ConcurrentHashes"] = "1";
        app.Settings["PasswordWork:QueueLimit"] = "0";
        await app.InitializeAsync();
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var work = app.Services.GetRequiredService<PasswordWork>();
        using var release = new ManualResetEventSlim();
        var running = new TaskCompletionSource();

        Page refused, loginPage, help;
        var holder = Task.Run(() => work.RunAsync(() => Hold(running, release), ct), ct);
        await running.Task;
        try
        {
            refused = await app.NewBrowser().PasswordStepAsync(person.Email, person.Password!, ct);
            loginPage = await app.NewBrowser().OpenAsync("/Account/Login", ct);
            help = await app.NewBrowser().OpenAsync("/help", ct);
        }
        finally
        {
            release.Set();
            await holder;
        }

        var afterwards = await app.NewBrowser().PasswordStepAsync(person.Email, person.Password!, ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("5", refused.Response.Headers.RetryAfter?.ToString());
        Assert.Equal("Het is even erg druk", refused.Text("h1"));
        SecurityHeadersTests.AssertSecurityHeaders(refused.Response);
        Assert.Equal(HttpStatusCode.OK, loginPage.Status);
        Assert.Equal(HttpStatusCode.OK, help.Status);
        Assert.Equal(HttpStatusCode.OK, afterwards.Status);
        Assert.True(afterwards.Has("input[name=Code]"), "After the flood the password step leads to the code step again.");
    }

    [Fact]
    [Trait("Attack", "LoginFlood")]
    public async Task Metrics_ShowTheWaitingRoom_EachWait_AndEachRefusalByReason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = meters.GetRequiredService<IMeterFactory>();
        using var waiting = new MetricCollector<int>(factory, "sigma.portal.password_hash", "sigma.portal.password_hash.waiting");
        using var waits = new MetricCollector<double>(factory, "sigma.portal.password_hash", "sigma.portal.password_hash.wait");
        using var refused = new MetricCollector<long>(factory, "sigma.portal.password_hash", "sigma.portal.password_hash.refused");
        using var work = new PasswordWork(Options.Create(new PasswordWorkOptions { ConcurrentHashes = 1, QueueLimit = 1, MaxWait = TimeSpan.FromSeconds(1) }), factory, NullLogger<PasswordWork>.Instance);
        using var release = new ManualResetEventSlim();
        var running = new TaskCompletionSource();

        var first = Task.Run(() => work.RunAsync(() => Hold(running, release), ct), ct);
        await running.Task;
        var tooLate = work.RunAsync(() => 2, ct);
        waiting.RecordObservableInstruments();
        var oneWaiting = waiting.LastMeasurement!.Value;
        await Assert.ThrowsAsync<PortalBusyException>(() => work.RunAsync(() => 3, ct));
        await Assert.ThrowsAsync<PortalBusyException>(() => tooLate);
        release.Set();
        await first;
        await work.RunAsync(() => 4, ct);

        Assert.Equal(1, oneWaiting);
        Assert.Equal(["full", "waited_too_long"], [.. refused.GetMeasurementSnapshot().Select(m => (string)m.Tags["sigma.reason"]!).Order(StringComparer.Ordinal)]);
        // The two hashes that ran, and not the one that gave up waiting.
        Assert.Equal(2, waits.GetMeasurementSnapshot().Count);
        Assert.All(waits.GetMeasurementSnapshot(), m => Assert.True(m.Value >= 0));
    }

    private static int Hold(TaskCompletionSource running, ManualResetEventSlim release)
    {
        running.SetResult();
        release.Wait(TestContext.Current.CancellationToken);
        return 1;
    }
}
