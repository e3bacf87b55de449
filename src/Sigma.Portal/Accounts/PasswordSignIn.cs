using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Accounts;

/// <summary>
/// The password step of signing in. An email address may hold an employee and an employer account: the password is
/// checked against each of them. Unknown addresses verify a dummy hash, so they take as long as a known one with one
/// account. Locked and deactivated accounts are checked too (the same work) but never succeed; wrong passwords count
/// toward lockout only when no account of the address matched. Every failure is in the audit trail with its reason.
/// </summary>
public sealed class PasswordSignIn(
    PortalDbContext db,
    UserManager<PortalUser> users,
    IPasswordHasher<PortalUser> hasher,
    PasswordWork work,
    DummyPasswordHash dummy,
    LockoutCounter lockout,
    AuditTrail audit,
    ILogger<PasswordSignIn> logger)
{
    public async Task<PasswordCheck> CheckAsync(string email, string password, CancellationToken ct)
    {
        var normalized = users.NormalizeEmail(email.Trim());
        var accounts = await AccountQueries.WithPassword(db, normalized).ToListAsync(ct);
        if (accounts.Count == 0)
        {
            await dummy.VerifyAsync(password, ct);
            AccountsLog.UnknownEmail(logger);
            await audit.RecordNowAsync(AuditEventType.SignInFailed, null, "UnknownEmail: " + Printable(email), ct);
            return PasswordCheck.Failed;
        }

        var matched = new List<PortalUser>();
        var wrong = new List<PortalUser>();
        foreach (var account in accounts)
        {
            var locked = lockout.IsLockedOut(account);
            var result = await work.RunAsync(() => hasher.VerifyHashedPassword(account, account.PasswordHash!, password), ct);
            if (result == PasswordVerificationResult.Failed)
            {
                wrong.Add(account);
            }
            else if (account.DeactivatedUtc is not null)
            {
                audit.Record(AuditEventType.SignInFailed, account.Id, "Deactivated");
            }
            else if (locked)
            {
                AccountsLog.LockedOutAttempt(logger, account.Id);
                audit.Record(AuditEventType.SignInFailed, account.Id, "LockedOut");
            }
            else
            {
                if (result == PasswordVerificationResult.SuccessRehashNeeded)
                {
                    await UpgradeHashAsync(account, password, ct);
                }

                matched.Add(account);
            }
        }

        if (matched.Count == 0)
        {
            foreach (var account in wrong)
            {
                AccountsLog.WrongPassword(logger, account.Id);
                audit.Record(AuditEventType.SignInFailed, account.Id, "WrongPassword");
                if (!lockout.IsLockedOut(account) && account.DeactivatedUtc is null)
                {
                    await lockout.RecordFailureAsync(account.Id, ct);
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return matched.Count == 0 ? PasswordCheck.Failed : new PasswordCheck(matched);
    }

    /// <summary>
    /// Replaces a hash made with older parameters, unless the password changed since it was read: a reset in between
    /// must not be undone by the old password.
    /// </summary>
    private async Task UpgradeHashAsync(PortalUser account, string password, CancellationToken ct)
    {
        var upgraded = await work.RunAsync(() => hasher.HashPassword(account, password), ct);
        await db.Users.Where(u => u.Id == account.Id && u.PasswordHash == account.PasswordHash)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, upgraded), ct);
    }

    /// <summary>What was typed as the email, kept short and without control characters for the audit trail.</summary>
    private static string Printable(string text)
    {
        var clean = string.Concat(text.Trim().Where(c => !char.IsControl(c)));
        return clean.Length <= 100 ? clean : clean[..100];
    }
}
