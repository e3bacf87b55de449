using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Accounts;

/// <summary>
/// The password step of signing in. An email address may hold an employee and an employer account: the password is
/// checked against each of them. Unknown addresses verify a dummy hash, so they take as long as a known one with one
/// account. Locked accounts are checked too (the same work) but never succeed; wrong passwords count toward lockout
/// only when no account of the address matched.
/// </summary>
public sealed class PasswordSignIn(
    PortalDbContext db,
    UserManager<PortalUser> users,
    IPasswordHasher<PortalUser> hasher,
    DummyPasswordHash dummy,
    LockoutCounter lockout,
    ILogger<PasswordSignIn> logger)
{
    public async Task<PasswordCheck> CheckAsync(string email, string password, CancellationToken ct)
    {
        var normalized = users.NormalizeEmail(email.Trim());
        var accounts = await db.Users
            .Where(u => u.NormalizedEmail == normalized && u.PasswordHash != null)
            .OrderBy(u => u.AccountType)
            .ToListAsync(ct);
        if (accounts.Count == 0)
        {
            dummy.Verify(password);
            AccountsLog.UnknownEmail(logger);
            return PasswordCheck.Failed;
        }

        var matched = new List<PortalUser>();
        var wrong = new List<PortalUser>();
        foreach (var account in accounts)
        {
            var locked = lockout.IsLockedOut(account);
            var result = hasher.VerifyHashedPassword(account, account.PasswordHash!, password);
            if (result == PasswordVerificationResult.Failed)
            {
                wrong.Add(account);
            }
            else if (locked)
            {
                AccountsLog.LockedOutAttempt(logger, account.Id);
            }
            else
            {
                if (result == PasswordVerificationResult.SuccessRehashNeeded)
                {
                    account.PasswordHash = hasher.HashPassword(account, password);
                    await db.SaveChangesAsync(ct);
                }

                matched.Add(account);
            }
        }

        if (matched.Count == 0)
        {
            foreach (var account in wrong.Where(a => !lockout.IsLockedOut(a)))
            {
                AccountsLog.WrongPassword(logger, account.Id);
                await lockout.RecordFailureAsync(account.Id, ct);
            }

            return PasswordCheck.Failed;
        }

        return new PasswordCheck(matched);
    }
}
