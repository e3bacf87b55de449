using BenchmarkDotNet.Attributes;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// The Dutch login page through the whole pipeline in memory (security headers, localisation, antiforgery token and
/// cookie, Razor), without the network: what one page costs the server.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class LoginPageBenchmarks : IDisposable
{
    private PortalFactory _host = null!;
    private HttpClient _client = null!;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _host = await BenchmarkPortal.StartAsync();
        _client = _host.CreateClient();
    }

    [Benchmark]
    public async Task<int> DutchLoginPage()
    {
        using var response = await _client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        return (await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync()).Length;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _client.Dispose();
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
