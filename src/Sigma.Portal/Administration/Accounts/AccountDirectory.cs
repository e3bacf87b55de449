using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.Administration.Accounts;

/// <summary>
/// The account list: search, filters, sorting and paging all run in the database on indexed columns; only one page of
/// accounts is ever loaded, so it stays fast at 100,000 accounts.
/// </summary>
public sealed class AccountDirectory(PortalDbContext db, UserManager<PortalUser> users, TimeProvider time)
{
    private static readonly int[] PageSizes = [25, 50, 100];

    public async Task<AccountListPage> SearchAsync(AccountListFilter query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query with { PageSize = PageSizes.Contains(query.PageSize) ? query.PageSize : AccountListFilter.DefaultPageSize };
        var now = time.GetUtcNow();
        var accounts = Filter(db.Users.AsNoTracking(), query, now);
        var total = await accounts.CountAsync(ct);
        var pages = Math.Max(1, (total + query.PageSize - 1) / query.PageSize);
        query = query with { Page = Math.Clamp(query.Page, 1, pages) };
        var items = await Sorted(accounts, query)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(u => new AccountListItem
            {
                Id = u.Id,
                DisplayName = u.DisplayName,
                Email = u.Email ?? "",
                AccountType = u.AccountType,
                Organisation = u.Organisation,
                Status = u.DeactivatedUtc != null ? AccountStatus.Deactivated
                    : u.ActivatedUtc == null ? AccountStatus.Invited
                    : u.LockoutEnd != null && u.LockoutEnd > now ? AccountStatus.Locked
                    : AccountStatus.Active,
                HasAuthenticator = db.Authenticators.Any(a => a.UserId == u.Id && a.Status == AuthenticatorStatus.Active),
                CreatedUtc = u.CreatedUtc,
                LastSignInUtc = u.LastSignInUtc,
            })
            .ToListAsync(ct);
        return new AccountListPage(query, items, total);
    }

    private IQueryable<PortalUser> Filter(IQueryable<PortalUser> accounts, AccountListFilter query, DateTimeOffset now)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var email = users.NormalizeEmail(text);
            // LIKE, escaped: case-insensitive on both providers, and % or _ typed by an administrator match themselves.
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            accounts = accounts.Where(u => u.NormalizedEmail!.StartsWith(email)
                || EF.Functions.Like(u.DisplayName, pattern, "\\")
                || (u.Organisation != null && EF.Functions.Like(u.Organisation, pattern, "\\")));
        }

        if (query.Type is { } type)
        {
            accounts = accounts.Where(u => u.AccountType == type);
        }

        accounts = query.Status switch
        {
            AccountStatus.Deactivated => accounts.Where(u => u.DeactivatedUtc != null),
            AccountStatus.Invited => accounts.Where(u => u.DeactivatedUtc == null && u.ActivatedUtc == null),
            AccountStatus.Locked => accounts.Where(u => u.DeactivatedUtc == null && u.ActivatedUtc != null && u.LockoutEnd != null && u.LockoutEnd > now),
            AccountStatus.Active => accounts.Where(u => u.DeactivatedUtc == null && u.ActivatedUtc != null && (u.LockoutEnd == null || u.LockoutEnd <= now)),
            _ => accounts,
        };

        if (query.TwoFactor is { } hasAuthenticator)
        {
            accounts = accounts.Where(u => db.Authenticators.Any(a => a.UserId == u.Id && a.Status == AuthenticatorStatus.Active) == hasAuthenticator);
        }

        return accounts;
    }

    private static IQueryable<PortalUser> Sorted(IQueryable<PortalUser> accounts, AccountListFilter query) => (query.Sort, query.Descending) switch
    {
        (AccountSort.Email, false) => accounts.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
        (AccountSort.Email, true) => accounts.OrderByDescending(u => u.NormalizedEmail).ThenBy(u => u.Id),
        (AccountSort.Created, false) => accounts.OrderBy(u => u.CreatedUtc).ThenBy(u => u.Id),
        (AccountSort.Created, true) => accounts.OrderByDescending(u => u.CreatedUtc).ThenBy(u => u.Id),
        (AccountSort.LastSignIn, false) => accounts.OrderBy(u => u.LastSignInUtc).ThenBy(u => u.Id),
        (AccountSort.LastSignIn, true) => accounts.OrderByDescending(u => u.LastSignInUtc).ThenBy(u => u.Id),
        (_, true) => accounts.OrderByDescending(u => u.DisplayName).ThenBy(u => u.Id),
        _ => accounts.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
    };
}
