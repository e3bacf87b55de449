using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Audit;

namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// The password step of signing in. An email address may hold an employee and an employer account: the password is
/// checked against each of them. Unknown addresses, locked and deactivated accounts verify a dummy hash instead (the
/// same work, and a guess at a locked account is never evaluated), and every step is paced to the two hashes an address
/// can need, so no kind of address answers sooner than another. Each guess at an active account is counted before it
/// is evaluated (<see cref="LockoutCounter"/>), and counts as a failure only when no account of the address matched.
/// Every failure is in the audit trail with its reason.
/// </summary>
public sealed class PasswordSignIn(
    PortalDbContext db,
    UserManager<PortalUser> users,
    IPasswordHasher<PortalUser> hasher,
    PasswordWork work,
    DummyPasswordHash dummy,
    LockoutCounter lockout,
    AuditTrail audit,
    SignInMetrics metrics,
    TimeProvider time,
    ILogger<PasswordSignIn> logger)
{
    public async Task<PasswordCheck> CheckAsync(string email, string password, CancellationToken ct)
    {
        var normalized = users.NormalizeEmail(email.Trim());
        var accounts = await AccountQueries.WithPassword(db, normalized).ToListAsync(ct);
        var pace = new HashPace(time);
        if (accounts.Count == 0)
        {
            await pace.TimeAsync(() => dummy.VerifyAsync(password, ct));
            AccountsLog.UnknownEmail(logger);
            // What was typed is not kept: it may have been the password, typed in the wrong field.
            await audit.RecordNowAsync(AuditEventType.SignInFailed, null, "UnknownEmail", ct);
            metrics.Attempt(SignInMetrics.Steps.Password, SignInMetrics.Outcomes.UnknownAccount);
            await PaceAsync(pace, ct);
            return PasswordCheck.Failed;
        }

        var matched = new List<(PortalUser Account, CredentialAttempt Attempt)>();
        var wrong = new List<(PortalUser Account, CredentialAttempt Attempt)>();
        foreach (var account in accounts)
        {
            if (account.DeactivatedUtc is not null)
            {
                // Never signs in: the same work as any other account, nothing evaluated, nothing counted.
                await pace.TimeAsync(() => dummy.VerifyAsync(password, ct));
                audit.Record(AuditEventType.SignInFailed, account.Id, "Deactivated");
                continue;
            }

            var attempt = await lockout.BeginAsync(account, ct);
            if (!attempt.Allowed)
            {
                // Locked, or its last attempts are being evaluated right now: the same work, but this guess is not tried.
                await pace.TimeAsync(() => dummy.VerifyAsync(password, ct));
                audit.Record(AuditEventType.SignInFailed, account.Id, "LockedOut");
                continue;
            }

            var result = await pace.TimeAsync(() => work.RunAsync(() => hasher.VerifyHashedPassword(account, account.PasswordHash!, password), ct));
            if (result == PasswordVerificationResult.Failed)
            {
                wrong.Add((account, attempt));
                continue;
            }

            if (result == PasswordVerificationResult.SuccessRehashNeeded)
            {
                await UpgradeHashAsync(account, password, ct);
            }

            matched.Add((account, attempt));
        }

        // A password that opens one account of the address is no guess at the other: only when none matched do the
        // wrong ones count. The failures are saved first, so a lockout they cause commits with nothing else pending.
        var failures = matched.Count == 0 ? wrong : [];
        foreach (var (account, _) in failures)
        {
            AccountsLog.WrongPassword(logger, account.Id);
            audit.Record(AuditEventType.SignInFailed, account.Id, "WrongPassword");
        }

        await db.SaveChangesAsync(ct);
        foreach (var (_, attempt) in failures)
        {
            await lockout.FailedAsync(attempt, ct);
        }

        foreach (var (_, attempt) in matched.Concat(wrong.Except(failures)))
        {
            await lockout.SucceededAsync(attempt, ct);
        }

        metrics.Attempt(SignInMetrics.Steps.Password, matched.Count > 0 ? SignInMetrics.Outcomes.Ok
            : wrong.Count > 0 ? SignInMetrics.Outcomes.Wrong
            : accounts.Any(a => a.DeactivatedUtc is null) ? SignInMetrics.Outcomes.Locked
            : SignInMetrics.Outcomes.Deactivated);
        await PaceAsync(pace, ct);
        return matched.Count == 0 ? PasswordCheck.Failed : new PasswordCheck([.. matched.Select(m => m.Account)]);
    }

    /// <summary>
    /// Every address takes as long as one holding the most accounts (<see cref="AccountCreator.MaxAccountsPerAddress"/>),
    /// so response times do not tell an address with two accounts from one with one or none. The hashes not needed here
    /// are waited out at the pace of those that were (waiting for a hashing thread included), costing no core.
    /// </summary>
    private async Task PaceAsync(HashPace pace, CancellationToken ct)
    {
        var missing = Math.Max(0, AccountCreator.MaxAccountsPerAddress - pace.Hashes);
        var duration = pace.Average * missing;
        var wait = Task.Delay(duration, time, ct);
        AccountsLog.PasswordStepPaced(logger, pace.Hashes, duration, missing);
        await wait;
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
}
