using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Benchmarks;

/// <summary>The directory the administration figures run over: 100,000 accounts, as a large agency would have.</summary>
internal static class AccountDirectoryOf100000
{
    public const int Size = 100_000;
    private const int Chunk = 10_000;

    /// <summary>Fills the portal's directory and returns the id of its administrator.</summary>
    public static async Task<Guid> FillAsync(PortalFactory host)
    {
        var administrator = (await CreateAsync(host,
            [new NewAccount { Email = "beheer@bench.example", DisplayName = "Beheerder", AccountType = AccountType.Administrator, Language = "nl" }])).Single();
        for (var start = 0; start < Size; start += Chunk)
        {
            await CreateAsync(host, [.. Enumerable.Range(start, Chunk).Select(Account)]);
        }

        return administrator;
    }

    private static NewAccount Account(int i) => new()
    {
        Email = FormattableString.Invariant($"persoon{i}@directory.example"),
        DisplayName = FormattableString.Invariant($"Persoon {i}"),
        AccountType = i % 5 == 0 ? AccountType.Employer : AccountType.Employee,
        Organisation = i % 5 == 0 ? FormattableString.Invariant($"Bedrijf {i % 300}") : null,
        Language = "nl",
    };

    private static Task<List<Guid>> CreateAsync(PortalFactory host, IReadOnlyList<NewAccount> accounts) => host.WithScopeAsync(async services =>
    {
        await services.GetRequiredService<AccountCreator>().CreateManyAsync(accounts, CancellationToken.None);
        var emails = accounts.Select(a => a.Email.ToUpperInvariant()).ToList();
        var db = services.GetRequiredService<PortalDbContext>();
        return await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => u.Id).ToListAsync();
    });
}
