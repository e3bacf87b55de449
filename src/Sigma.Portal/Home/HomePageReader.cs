using Sigma.Portal.SingleSignOn.Applications;
using Sigma.Portal.TwoFactor.Authenticators;

namespace Sigma.Portal.Home;

/// <summary>What the start page shows of the signed-in account, read fresh (an administrator may have changed it).</summary>
public sealed class HomePageReader(PortalDbContext db, PortalApplications applications)
{
    // Compiled once, like the sign-in's own lookups: every sign-in ends on this page (docs/performance.md).
    private static readonly Func<PortalDbContext, Guid, CancellationToken, Task<HomeViewModel?>> Summary =
        EF.CompileAsyncQuery((PortalDbContext db, Guid userId, CancellationToken ct) =>
            db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new HomeViewModel
                {
                    DisplayName = u.DisplayName,
                    Email = u.Email ?? "",
                    AccountType = u.AccountType,
                    Organisation = u.Organisation,
                })
                .FirstOrDefault());

    public async Task<HomeViewModel?> ForAsync(Guid userId, CancellationToken ct) =>
        await Summary(db, userId, ct) is { } summary
            ? summary with
            {
                Applications = await applications.OpenToAsync(summary.AccountType, ct),
                TwoFactorActive = await AuthenticatorQueries.HasActive(db, userId, ct),
            }
            : null;
}
