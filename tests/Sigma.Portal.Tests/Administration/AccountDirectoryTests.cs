using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Administration;

/// <summary>Search, filters, sorting and paging over 100,000 accounts, seeded straight into the database.</summary>
public sealed class AccountDirectoryTests(AccountDirectoryTests.HundredThousandAccounts app) : IClassFixture<AccountDirectoryTests.HundredThousandAccounts>
{
    public const int Count = 100_000;

    [Fact]
    public async Task Directory_Unfiltered_CountsEveryAccountAndPagesWithoutGapsOrOverlaps()
    {
        var ct = TestContext.Current.CancellationToken;

        var pages = new List<AccountListPage>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await SearchAsync(new AccountListFilter { Sort = AccountSort.Email, Page = page, PageSize = 100 }, ct));
        }

        var emails = pages.SelectMany(p => p.Items).Select(i => i.Email).ToList();
        Assert.Equal(Count, pages[0].Total);
        Assert.Equal(1000, pages[0].Pages);
        Assert.Equal(300, emails.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(emails.Order(StringComparer.Ordinal), emails);
        Assert.Equal("seed000001@seed.example", emails[0]);
        Assert.Equal("seed000300@seed.example", emails[^1]);
    }

    [Fact]
    public async Task Directory_SearchByOrganisation_FindsExactlyItsAccounts()
    {
        var result = await SearchAsync(new AccountListFilter { Search = "organisatie-0042", PageSize = 100 }, TestContext.Current.CancellationToken);

        Assert.Equal(Count / 1000, result.Total);
        Assert.All(result.Items, i => Assert.Equal("Organisatie-0042", i.Organisation));
    }

    [Fact]
    public async Task Directory_SearchByEmailPrefixAndName_Finds()
    {
        var ct = TestContext.Current.CancellationToken;

        var byEmail = await SearchAsync(new AccountListFilter { Search = "SEED09999" }, ct);
        var byName = await SearchAsync(new AccountListFilter { Search = "persoon 054321" }, ct);
        var wildcard = await SearchAsync(new AccountListFilter { Search = "%" }, ct);

        Assert.Equal(10, byEmail.Total);
        Assert.Equal("seed054321@seed.example", Assert.Single(byName.Items).Email);
        Assert.Equal(0, wildcard.Total);
    }

    [Fact]
    public async Task Directory_FiltersByTypeStatusAndTwoFactor_Combine()
    {
        var ct = TestContext.Current.CancellationToken;

        var employers = await SearchAsync(new AccountListFilter { Type = AccountType.Employer }, ct);
        var invited = await SearchAsync(new AccountListFilter { Status = AccountStatus.Invited }, ct);
        var deactivated = await SearchAsync(new AccountListFilter { Status = AccountStatus.Deactivated }, ct);
        var locked = await SearchAsync(new AccountListFilter { Status = AccountStatus.Locked }, ct);
        var invitedEmployers = await SearchAsync(new AccountListFilter { Type = AccountType.Employer, Status = AccountStatus.Invited }, ct);
        var withoutTwoFactor = await SearchAsync(new AccountListFilter { TwoFactor = false }, ct);

        Assert.Equal(Count / 3, employers.Total);
        Assert.Equal(Count / 10, invited.Total);
        Assert.Equal(Count / 10, deactivated.Total);
        Assert.Equal(Count / 10, locked.Total);
        Assert.Equal(3333, invitedEmployers.Total);
        Assert.Equal(Count, withoutTwoFactor.Total);
        Assert.All(invited.Items, i => Assert.Equal(AccountStatus.Invited, i.Status));
    }

    [Fact]
    public async Task Directory_PageBeyondTheEnd_ShowsTheLastPage()
    {
        var result = await SearchAsync(new AccountListFilter { Sort = AccountSort.Created, Descending = true, Page = 99_999, PageSize = 50 }, TestContext.Current.CancellationToken);

        Assert.Equal(2000, result.Query.Page);
        Assert.Equal(50, result.Items.Count);
    }

    private Task<AccountListPage> SearchAsync(AccountListFilter query, CancellationToken ct) =>
        app.WithScopeAsync(s => s.GetRequiredService<AccountDirectory>().SearchAsync(query, ct));

    /// <summary>
    /// A portal with 100,000 accounts inserted by one SQL statement: every third an employer; of every ten, one still
    /// invited, one deactivated and one locked.
    /// </summary>
    public sealed class HundredThousandAccounts : PortalFactory, IAsyncLifetime
    {
        async ValueTask IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            // LockoutEnd as the SQLite model stores it: through EF's own converter.
            var lockoutEnd = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(Clock.GetUtcNow() + TimeSpan.FromDays(1))!;
            var count = Count;
            await WithScopeAsync(services => services.GetRequiredService<PortalDbContext>().Database.ExecuteSqlAsync($"""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
                INSERT INTO AspNetUsers (Id, DisplayName, AccountType, Organisation, PreferredLanguage, CreatedUtc, ActivatedUtc,
                    DeactivatedUtc, LockoutEnd, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp,
                    ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, ConsecutiveLockouts)
                SELECT printf('%08X-0000-4000-8000-%012X', i, i),
                    printf('Persoon %06d', i),
                    CASE WHEN i % 3 = 0 THEN 'Employer' ELSE 'Employee' END,
                    printf('Organisatie-%04d', i % 1000),
                    'nl',
                    printf('2025-01-01 00:00:%02d.%07d', i % 60, i),
                    CASE WHEN i % 10 = 1 THEN NULL ELSE '2025-02-01 00:00:00' END,
                    CASE WHEN i % 10 = 2 THEN '2025-03-01 00:00:00' ELSE NULL END,
                    CASE WHEN i % 10 = 3 THEN {lockoutEnd} ELSE NULL END,
                    printf('employee:seed%06d@seed.example', i), printf('EMPLOYEE:SEED%06d@SEED.EXAMPLE', i),
                    printf('seed%06d@seed.example', i), printf('SEED%06d@SEED.EXAMPLE', i),
                    1, 'STAMP', 'CONCURRENCY', 0, 0, 1, 0, 0
                FROM n
                """, TestContext.Current.CancellationToken));
        }
    }
}
