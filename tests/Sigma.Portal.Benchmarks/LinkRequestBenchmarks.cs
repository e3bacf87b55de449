using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sigma.Portal.Infrastructure;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// One "send me a link" request (the POST of forgot password or of a new activation link) per kind of address, through
/// the whole pipeline in memory, with the background work (and the email dispatcher, sending to the test SMTP sink)
/// running as deployed: the answer time an outsider measures. Every request names an address of its kind that was not
/// asked for before, so none is held back by a throttle and every known address costs its full work. Each figure is
/// single requests one after the other (RunStrategy.Monitoring), so the median is that of single answers.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 10, iterationCount: 100)]
[MedianColumn]
[MinColumn]
[MaxColumn]
public class LinkRequestBenchmarks : IDisposable
{
    private const int Addresses = 120;

    private readonly List<string> _addresses = [];
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

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        // The Test environment only makes the password hash cheap, so the accounts are made quickly; no hash is part
        // of a link request.
        _host = new PortalFactory { Environment = PortalEnvironments.Test };
        _host.Settings["Logging:LogLevel:Default"] = "Warning";
        _host.Settings["RateLimits:CredentialAttemptsPerMinute"] = "10000";
        await _host.InitializeAsync();
        for (var i = 0; i < Addresses; i++)
        {
            _addresses.Add(await AddressAsync(Kind));
        }

        _browser = _host.NewBrowser();
        var form = await _browser.OpenAsync(Form, CancellationToken.None);
        _antiforgery = form.Document.QuerySelector("form.request-link input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    [Benchmark]
    public async Task<int> RequestLink()
    {
        var email = _addresses[_next++ % _addresses.Count];
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = _antiforgery,
            ["Email"] = email,
        });
        using var response = await _browser.Client.PostAsync(new Uri(Form, UriKind.Relative), content);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK ? body.Length : throw new InvalidOperationException($"{Form} answered {response.StatusCode}.");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

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
