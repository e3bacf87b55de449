using Sigma.Portal.Audit;

namespace Sigma.Portal.Accounts.Links;

/// <summary>
/// Who gets which link: for a "forgot password" or "new activation link" request once it has been answered (recorded by
/// <see cref="LinkRequestRecorder"/>, handled by <see cref="LinkRequestDispatcher"/>), and for an administrator's resend.
/// Each account of the address is handled on its own, and its email is in its own language.
/// </summary>
public sealed class LinkRequests(
    PortalDbContext db,
    AccountTokens tokens,
    LinkThrottle throttle,
    AccountEmails emails,
    AuditTrail audit,
    IOptions<AccountsOptions> options,
    ILogger<LinkRequests> logger)
{
    /// <summary>
    /// Forgot password: a reset link for each active account of the address, and a new activation link for each account
    /// still waiting for activation. New activation link: only the latter. Deactivated accounts and unknown addresses get
    /// nothing, and neither does an account that had its links for now (<see cref="LinkThrottle"/>): its last link keeps
    /// working. The links, emails and events join the caller's unit of work; the events carry the request's time, client
    /// address and browser.
    /// </summary>
    public async Task HandleAsync(AccountTokenPurpose purpose, string normalizedEmail, RequestOrigin origin, CancellationToken ct)
    {
        var accounts = await db.Users.Where(u => u.NormalizedEmail == normalizedEmail && u.DeactivatedUtc == null).ToListAsync(ct);
        foreach (var account in accounts)
        {
            if (LinkFor(account, purpose) is not { } linkPurpose)
            {
                continue;
            }

            if (!await throttle.AllowsAnotherAsync(account.Id, ct))
            {
                audit.Record(AuditEventType.LinkRequestHeldBack, account.Id, linkPurpose.ToString(), origin: origin);
                AccountsLog.LinkRequestHeldBack(logger, account.Id, linkPurpose);
            }
            else if (linkPurpose == AccountTokenPurpose.Activation)
            {
                await QueueActivationAsync(account, actorId: null, origin, ct);
            }
            else
            {
                await QueueResetAsync(account, actorId: null, origin, ct);
            }
        }
    }

    /// <summary>An administrator resends an invitation (new link, the old one dies); false when the account is active.</summary>
    public async Task<bool> ResendInvitationAsync(Guid userId, Guid actorId, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.ActivatedUtc == null && u.DeactivatedUtc == null, ct);
        if (account is null)
        {
            return false;
        }

        await QueueActivationAsync(account, actorId, origin: null, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>An administrator sends a password reset link; false when the account is not active.</summary>
    public async Task<bool> SendPasswordResetAsync(Guid userId, Guid actorId, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.ActivatedUtc != null && u.DeactivatedUtc == null, ct);
        if (account is null)
        {
            return false;
        }

        await QueueResetAsync(account, actorId, origin: null, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>An account not yet activated gets an activation link from either form; an active one a reset link, from "forgot password" only.</summary>
    private static AccountTokenPurpose? LinkFor(PortalUser account, AccountTokenPurpose asked) =>
        account.ActivatedUtc is null ? AccountTokenPurpose.Activation
        : asked == AccountTokenPurpose.PasswordReset ? AccountTokenPurpose.PasswordReset
        : null;

    private async Task QueueActivationAsync(PortalUser account, Guid? actorId, RequestOrigin? origin, CancellationToken ct)
    {
        var token = await tokens.IssueAsync(account.Id, AccountTokenPurpose.Activation, options.Value.ActivationLinkLifetime, onRequest: actorId is null, ct);
        emails.QueueActivation(account, token);
        audit.Record(AuditEventType.InvitationResent, account.Id, actorId: actorId, origin: origin);
        AccountsLog.ActivationResent(logger, account.Id);
    }

    private async Task QueueResetAsync(PortalUser account, Guid? actorId, RequestOrigin? origin, CancellationToken ct)
    {
        var token = await tokens.IssueAsync(account.Id, AccountTokenPurpose.PasswordReset, options.Value.PasswordResetLinkLifetime, onRequest: actorId is null, ct);
        emails.QueuePasswordReset(account, token);
        audit.Record(AuditEventType.PasswordResetRequested, account.Id, actorId: actorId, origin: origin);
        AccountsLog.ResetRequested(logger, account.Id);
    }
}
