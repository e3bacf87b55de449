using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Administration.Import;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// The CSV invitation of 10,000 rows (preview and import, including the tokens and outbox rows) into a directory of
/// 100,000 accounts. Each iteration imports new addresses.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class AdministrationBenchmarks : IDisposable
{
    private PortalFactory _host = null!;
    private Guid _administrator;
    private byte[] _csv = [];
    private int _round;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _host = await BenchmarkPortal.StartAsync();
        _administrator = await AccountDirectoryOf100000.FillAsync(_host);
    }

    [IterationSetup(Target = nameof(CsvInvitationOf10000Rows))]
    public void NewFile()
    {
        _round++;
        var csv = new StringBuilder("email;name;type;organisation;language\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append(FormattableString.Invariant($"import{_round}-{i}@bench.example;Persoon {i};{(i % 5 == 0 ? "Employer" : "Employee")};{(i % 5 == 0 ? "Bedrijf " + i : "")};nl\n"));
        }

        _csv = Encoding.UTF8.GetBytes(csv.ToString());
    }

    [Benchmark]
    public Task<(int Created, int Existing)?> CsvInvitationOf10000Rows() => _host.WithScopeAsync(async services =>
    {
        var invitations = services.GetRequiredService<CsvInvitations>();
        using var file = new MemoryStream(_csv);
        var preview = await invitations.PreviewAsync(file, _administrator, CancellationToken.None);
        return await invitations.ImportAsync(preview.ImportId!.Value, _administrator, CancellationToken.None);
    });

    [GlobalCleanup]
    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
