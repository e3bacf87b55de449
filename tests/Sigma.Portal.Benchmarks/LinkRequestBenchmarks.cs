using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Infrastructure.Hosting;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// One "send me a link" request (the POST of forgot password or of a new activation link) per kind of address, through
/// the whole pipeline in memory, with the background work (and the email dispatcher, sending to the test SMTP sink)
/// running as deployed: the answer time an outsider measures. Every case first sends the same 100 requests for addresses
/// of all kinds, so the code is equally warm whichever kind is measured. Every measured request names an address of its
/// kind that was not asked for before, so none is held back by a throttle and every known address costs its full work.
/// Each figure is single requests (RunStrategy.Monitoring), so the median is that of single answers.
/// <see cref="Spaced"/> says whether each request waits until the email of the one before has been delivered and a
/// further 100 ms have passed (the answer alone), or follows the one before at once (the answer plus whatever the work
/// of the one before still costs).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 10, iterationCount: 100)]
[MedianColumn]
[MinColumn]
[MaxColumn]
public class LinkRequestBenchmarks : IDisposable
{
    private const int Addresses = 120;
    private const int WarmUpRequests = 100;

    private readonly List<string> _addresses = [];
    private readonly Dictionary<string, int> _delivered = new(StringComparer.Ordinal);
    private SmtpSink _smtp = null!;
    private PortalFactory _host = null!;
    private PortalBrowser _browser = null!;
    private string _antiforgery = "";
    private int _next;

    public enum AddressKind
    {
        /// <summary>No account has this address.</summary>
        Unknown,

        /// <summary>One employee account, activated.</summary>
        Activated,

        /// <summary>One employee account, invited and not yet activated.</summary>
        Invited,

        /// <summary>One employee account, activated and then deactivated.</summary>
        Deactivated,

        /// <summary>An activated employee account and an invited employer account on one address.</summary>
        TwoAccounts,
    }

    [ParamsAllValues]
    public AddressKind Kind { get; set; }

    [Params("/Account/ForgotPassword", "/Account/ResendActivation")]
    public string Form { get; set; } = "";

    [Params(true, false)]
    public bool Spaced { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        // The Test environment only makes the password hash cheap, so the accounts are made quickly; no hash is part
        // of a link request.
        _host = new PortalFactory { Environment = PortalEnvironments.Test };
        _host.Settings["Logging:LogLevel:Default"] = "Warning";
        _host.Settings["RateLimits:CredentialAttemptsPerMinute"] = "10000";
        await _host.InitializeAsync();
        _browser = _host.NewBrowser();
        var form = await _browser.OpenAsync(Form, CancellationToken.None);
        _antiforgery = form.Document.QuerySelector("form.request-link input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // The same start for every kind: requests for addresses of every kind first, so the request path (and the work
        // after it) is compiled and tiered alike before any kind is measured.
        foreach (var warmUp in Enumerable.Range(0, WarmUpRequests).Select(i => (AddressKind)(i % 5)))
        {
            await PostAsync(await AddressAsync(warmUp));
        }

        for (var i = 0; i < Addresses; i++)
        {
            _addresses.Add(await AddressAsync(Kind));
        }

        // The invitations of the accounts just made go out first, so their sending does not fall into the measurement.
        _smtp = await SmtpSink.Shared;
        while (await _host.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().OutboxMessages.AnyAsync(m => m.SentUtc == null && m.DeadUtc == null)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var address in _addresses)
        {
            _delivered[address] = _smtp.AllFor(address).Count;
        }
    }

    /// <summary>With <see cref="Spaced"/>, waits until the request before has had all its email delivered, and 100 ms more.</summary>
    [IterationSetup]
    public void WaitForThePreviousRequest()
    {
        if (Spaced && _next > 0)
        {
            // BenchmarkDotNet 0.15 runs iteration setups synchronously only.
            WaitForEmailAsync(_addresses[(_next - 1) % _addresses.Count]).GetAwaiter().GetResult();
        }
    }

    [Benchmark]
    public Task<int> RequestLink() => PostAsync(_addresses[_next++ % _addresses.Count]);

    [GlobalCleanup]
    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<int> PostAsync(string email)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = _antiforgery,
            ["Email"] = email,
        });
        using var response = await _browser.Client.PostAsync(new Uri(Form, UriKind.Relative), content);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK ? body.Length : throw new InvalidOperationException($"{Form} answered {response.StatusCode}.");
    }

    private async Task WaitForEmailAsync(string address)
    {
        var expected = _delivered[address] + EmailsPerRequest();
        for (var waited = 0; _smtp.AllFor(address).Count < expected && waited < 200; waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        _delivered[address] = _smtp.AllFor(address).Count;
        await Task.Delay(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The rules of link requests: a reset link per active account, an activation link per invited one.</summary>
    private int EmailsPerRequest() => (Kind, Form == "/Account/ForgotPassword") switch
    {
        (AddressKind.Activated, true) => 1,
        (AddressKind.Invited, _) => 1,
        (AddressKind.TwoAccounts, true) => 2,
        (AddressKind.TwoAccounts, false) => 1,
        _ => 0,
    };

    private async Task<string> AddressAsync(AddressKind kind)
    {
        var email = $"person-{Guid.NewGuid():N}@bench.example";
        var builder = new AccountBuilder(_host).WithEmail(email);
        switch (kind)
        {
            case AddressKind.Activated:
                await builder.ActivatedAsync(CancellationToken.None);
                break;
            case AddressKind.Invited:
                await builder.InvitedAsync(CancellationToken.None);
                break;
            case AddressKind.Deactivated:
                await builder.DeactivatedAsync(CancellationToken.None);
                break;
            case AddressKind.TwoAccounts:
                await builder.ActivatedAsync(CancellationToken.None);
                await new AccountBuilder(_host).WithEmail(email).AsEmployer().InvitedAsync(CancellationToken.None);
                break;
        }

        return email;
    }
}
