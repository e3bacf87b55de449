using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Audit;
using Sigma.Portal.Sessions;

namespace Sigma.Portal.Accounts.Passwords;

/// <summary>
/// Sets the password chosen from an activation or reset link. The rules are checked first, so a rejected password
/// leaves the link usable; then, in one transaction, the link is used up, the password hash and a new security stamp
/// are stored (ending every other session of the account), every other open link dies and, after a reset, the person
/// is told by email.
/// </summary>
public sealed class PasswordSetup(
    PortalDbContext db,
    AccountTokens tokens,
    PasswordPolicy policy,
    IPasswordHasher<PortalUser> hasher,
    PasswordWork work,
    AccountEmails emails,
    AuditTrail audit,
    UserSessions sessions,
    TimeProvider time,
    ILogger<PasswordSetup> logger)
{
    /// <summary>
    /// What the rules say of a password for this account (text keys), without setting anything; nothing without a
    /// working link, as in <see cref="SetAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(AccountTokenPurpose purpose, Guid userId, string? token, string password, CancellationToken ct) =>
        await tokens.IsUsableAsync(userId, token, purpose, ct) && await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) is { } user
            ? policy.Check(password, user.Email, user.DisplayName)
            : [];

    public async Task<PasswordSetupResult> SetAsync(AccountTokenPurpose purpose, Guid userId, string? token, string password, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.DeactivatedUtc is not null || (purpose == AccountTokenPurpose.PasswordReset && user.ActivatedUtc is null))
        {
            return new PasswordSetupResult { InvalidLink = true };
        }

        // Only the holder of a working link hears what the rules say: they weigh the password against the account's
        // address and name, which would otherwise answer guesses about them for anyone who knows an account id.
        if (!await tokens.IsUsableAsync(userId, token, purpose, ct))
        {
            return new PasswordSetupResult { InvalidLink = true };
        }

        var errors = policy.Check(password, user.Email, user.DisplayName);
        if (errors.Count > 0)
        {
            return new PasswordSetupResult { PasswordErrors = errors };
        }

        // Hashed before the transaction: a busy portal refuses here, with the link still usable.
        var hash = await work.RunAsync(() => hasher.HashPassword(user, password), ct);
        return await db.InTransactionAsync(async transactionCt =>
        {
            if (!await tokens.RedeemAsync(userId, token, purpose, transactionCt))
            {
                return new PasswordSetupResult { InvalidLink = true };
            }

            await tokens.RevokeAllAsync(userId, transactionCt);
            await sessions.RevokeAllAsync(userId, transactionCt);
            var now = time.GetUtcNow().UtcDateTime;
            user.PasswordHash = hash;
            SecurityStamps.Renew(user);
            user.EmailConfirmed = true;
            user.ActivatedUtc ??= now;
            // Proving control of the mailbox ends a lockout.
            user.AccessFailedCount = 0;
            user.ConsecutiveLockouts = 0;
            user.LockoutEnd = null;
            if (purpose == AccountTokenPurpose.PasswordReset)
            {
                emails.QueuePasswordChanged(user);
                audit.Record(AuditEventType.PasswordChanged, user.Id, "ResetLink");
            }
            else
            {
                audit.Record(AuditEventType.AccountActivated, user.Id);
            }

            await db.SaveChangesAsync(transactionCt);
            AccountsLog.PasswordSet(logger, userId, purpose);
            return new PasswordSetupResult { Email = user.Email };
        }, ct);
    }
}
