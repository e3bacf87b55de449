using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Audit;
using Sigma.Portal.Sessions;

namespace Sigma.Portal.Administration.Accounts;

/// <summary>
/// Changes an account's type, organisation or language. The rules of a new account apply (an employer needs an
/// organisation; one account per email and type; an administrator's address is theirs alone), and administrators
/// cannot change their own type.
/// </summary>
public sealed class AccountEditor(
    PortalDbContext db,
    ILookupNormalizer normalizer,
    UserSessions sessions,
    AuditTrail audit,
    ILogger<AccountEditor> logger)
{
    /// <returns>Null when saved, otherwise the resource key of the reason it was refused.</returns>
    public async Task<string?> UpdateAsync(Guid userId, AccountChanges changes, Guid administratorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        // The account, its audit event and, when the type changed, the end of its sessions: together, or none of them.
        var refused = await db.InTransactionAsync(transactionCt => ApplyAsync(userId, changes, administratorId, transactionCt), ct);
        if (refused is null)
        {
            AdministrationLog.Updated(logger, administratorId, userId);
        }

        return refused;
    }

    private async Task<string?> ApplyAsync(Guid userId, AccountChanges changes, Guid administratorId, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return "Admin.NotFound";
        }

        var problem = AccountCreator.Problem(new NewAccount
        {
            Email = user.Email ?? "",
            DisplayName = user.DisplayName,
            AccountType = changes.AccountType,
            Organisation = changes.Organisation,
            Language = changes.Language,
        });
        if (problem is not null)
        {
            return problem;
        }

        if (userId == administratorId && changes.AccountType != user.AccountType)
        {
            return "Admin.OwnType";
        }

        var others = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == user.NormalizedEmail && u.Id != userId).Select(u => u.AccountType).ToListAsync(ct);
        if (AccountCreator.SharedAddressProblem(changes.AccountType, others) is { } shared)
        {
            return shared;
        }

        var typeChanged = changes.AccountType != user.AccountType;
        var organisation = changes.AccountType == Data.Accounts.AccountType.Employer ? changes.Organisation?.Trim() : null;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"Type: {user.AccountType} -> {changes.AccountType}; Organisation: {user.Organisation} -> {organisation}; Language: {user.PreferredLanguage} -> {changes.Language}");
        user.AccountType = changes.AccountType;
        user.UserName = AccountCreator.UserName(user.Email ?? "", changes.AccountType);
        user.NormalizedUserName = normalizer.NormalizeName(user.UserName);
        user.Organisation = organisation;
        user.PreferredLanguage = changes.Language;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        audit.Record(AuditEventType.AccountUpdated, userId, detail, administratorId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            db.ChangeTracker.Clear();
            return "Account.Duplicate";
        }

        if (typeChanged)
        {
            // The role is in the session's claims: a changed type (an administrator demoted) takes effect at once.
            await sessions.RevokeAllAsync(userId, ct);
        }

        return null;
    }
}
