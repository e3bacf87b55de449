using Sigma.Portal.Accounts;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Audit;
using Sigma.Portal.TwoFactor.Settings;

namespace Sigma.Portal.Administration.Accounts;

/// <summary>Everything the account page shows: status, dates, two-factor and the recent security events.</summary>
public sealed class AccountDetailsReader(PortalDbContext db, TwoFactorOverview twoFactor, AuditSearch audit, LockoutCounter lockout)
{
    private const int RecentEvents = 25;

    public async Task<AccountDetailsViewModel?> FindAsync(Guid id, Guid administratorId, CancellationToken ct)
    {
        var user = await AccountQueries.ById(db, id, ct);
        if (user is null)
        {
            return null;
        }

        var locked = lockout.IsLockedOut(user);
        return new AccountDetailsViewModel
        {
            Id = user.Id,
            DisplayName = user.DisplayName,
            Email = user.Email ?? "",
            AccountType = user.AccountType,
            Organisation = user.Organisation,
            Language = user.PreferredLanguage,
            Status = user.DeactivatedUtc is not null ? AccountStatus.Deactivated
                : user.ActivatedUtc is null ? AccountStatus.Invited
                : locked ? AccountStatus.Locked
                : AccountStatus.Active,
            CreatedUtc = user.CreatedUtc,
            ActivatedUtc = user.ActivatedUtc,
            LastSignInUtc = user.LastSignInUtc,
            LockedUntil = locked ? user.LockoutEnd : null,
            TwoFactorResetPending = user.TwoFactorResetUtc is not null,
            TwoFactor = await twoFactor.ForAsync(user.Id, null, ct),
            Events = await audit.RecentForAsync(user.Id, RecentEvents, ct),
            IsSelf = user.Id == administratorId,
        };
    }
}
