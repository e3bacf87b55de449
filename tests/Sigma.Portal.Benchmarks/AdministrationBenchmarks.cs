using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Accounts;
using Sigma.Portal.Administration;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>
/// The two administration figures issue 6 promises: a 10,000-row CSV invitation (preview and import, including the
/// tokens and outbox rows) and account search over 100,000 accounts. Each CSV iteration imports new addresses.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class AdministrationBenchmarks : IDisposable
{
    private const int DirectorySize = 100_000;
    private PortalFactory _host = null!;
    private Guid _administrator;
    private byte[] _csv = [];
    private int _round;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _host = await BenchmarkPortal.StartAsync();
        _administrator = (await CreateAsync(
            [new NewAccount { Email = "beheer@bench.example", DisplayName = "Beheerder", AccountType = AccountType.Administrator, Language = "nl" }])).First();
        // The directory the search runs over: 100,000 accounts in chunks, as a large agency would have.
        for (var start = 0; start < DirectorySize; start += 10_000)
        {
            await CreateAsync([.. Enumerable.Range(start, 10_000).Select(Account)]);
        }
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

    [Benchmark]
    public Task<AccountListPage> SearchOf100000Accounts() => _host.WithScopeAsync(services =>
        services.GetRequiredService<AccountDirectory>().SearchAsync(new AccountQuery { Search = "persoon 4711", Type = AccountType.Employee }, CancellationToken.None));

    [Benchmark]
    public Task<AccountListPage> LastPageSortedByEmailOf100000Accounts() => _host.WithScopeAsync(services =>
        services.GetRequiredService<AccountDirectory>().SearchAsync(new AccountQuery { Sort = AccountSort.Email, Page = DirectorySize / AccountQuery.DefaultPageSize }, CancellationToken.None));

    [GlobalCleanup]
    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private static NewAccount Account(int i) => new()
    {
        Email = FormattableString.Invariant($"persoon{i}@directory.example"),
        DisplayName = FormattableString.Invariant($"Persoon {i}"),
        AccountType = i % 5 == 0 ? AccountType.Employer : AccountType.Employee,
        Organisation = i % 5 == 0 ? FormattableString.Invariant($"Bedrijf {i % 300}") : null,
        Language = "nl",
    };

    private Task<List<Guid>> CreateAsync(IReadOnlyList<NewAccount> accounts) => _host.WithScopeAsync(async services =>
    {
        await services.GetRequiredService<AccountCreator>().CreateManyAsync(accounts, CancellationToken.None);
        var emails = accounts.Select(a => a.Email.ToUpperInvariant()).ToList();
        var db = services.GetRequiredService<Sigma.Portal.Data.PortalDbContext>();
        return db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => u.Id).ToList();
    });
}
