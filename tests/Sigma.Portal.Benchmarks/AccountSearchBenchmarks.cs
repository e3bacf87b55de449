using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// Account search over 100,000 accounts. The promise is a p99, so each figure is 100 single calls and the table shows
/// their maximum, which no p99 of those calls exceeds.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 100)]
[MaxColumn]
public class AccountSearchBenchmarks : IDisposable
{
    private PortalFactory _host = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _host = await BenchmarkPortal.StartAsync();
        await AccountDirectoryOf100000.FillAsync(_host);
    }

    [Benchmark]
    public Task<AccountListPage> SearchOf100000Accounts() => _host.WithScopeAsync(services =>
        services.GetRequiredService<AccountDirectory>().SearchAsync(new AccountListFilter { Search = "persoon 4711", Type = AccountType.Employee }, CancellationToken.None));

    [Benchmark]
    public Task<AccountListPage> LastPageSortedByEmailOf100000Accounts() => _host.WithScopeAsync(services =>
        services.GetRequiredService<AccountDirectory>().SearchAsync(
            new AccountListFilter { Sort = AccountSort.Email, Page = AccountDirectoryOf100000.Size / AccountListFilter.DefaultPageSize }, CancellationToken.None));

    [GlobalCleanup]
    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
