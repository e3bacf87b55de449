using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Accounts;

/// <summary>
/// "Forgot password" and "send me a new activation link". Both answer the same whether or not the address has an
/// account: the caller shows one page either way, and mail goes out only where there is an account to send it for.
/// </summary>
public sealed class LinkRequests(
    PortalDbContext db,
    UserManager<PortalUser> users,
    AccountTokens tokens,
    AccountEmails emails,
    AuditTrail audit,
    IOptions<AccountsOptions> options,
    ILogger<LinkRequests> logger)
{
    /// <summary>A reset link for each active account of the address; an account still waiting gets a new activation link.</summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken ct)
    {
        foreach (var account in await AccountsOfAsync(email, ct))
        {
            if (account.ActivatedUtc is null)
            {
                await QueueActivationAsync(account, actorId: null, ct);
            }
            else
            {
                await QueueResetAsync(account, actorId: null, ct);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>A new activation link (the old one dies) for each account of the address that still waits for activation.</summary>
    public async Task ResendActivationAsync(string email, CancellationToken ct)
    {
        foreach (var account in (await AccountsOfAsync(email, ct)).Where(a => a.ActivatedUtc is null))
        {
            await QueueActivationAsync(account, actorId: null, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>An administrator resends an invitation (new link, the old one dies); false when the account is active.</summary>
    public async Task<bool> ResendInvitationAsync(Guid userId, Guid actorId, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.ActivatedUtc == null && u.DeactivatedUtc == null, ct);
        if (account is null)
        {
            return false;
        }

        await QueueActivationAsync(account, actorId, ct);
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

        await QueueResetAsync(account, actorId, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task QueueActivationAsync(PortalUser account, Guid? actorId, CancellationToken ct)
    {
        var token = await tokens.IssueAsync(account.Id, AccountTokenPurpose.Activation, options.Value.ActivationLinkLifetime, ct);
        emails.QueueActivation(account, token);
        audit.Record(AuditEventType.InvitationResent, account.Id, actorId: actorId);
        AccountsLog.ActivationResent(logger, account.Id);
    }

    private async Task QueueResetAsync(PortalUser account, Guid? actorId, CancellationToken ct)
    {
        var token = await tokens.IssueAsync(account.Id, AccountTokenPurpose.PasswordReset, options.Value.PasswordResetLinkLifetime, ct);
        emails.QueuePasswordReset(account, token);
        audit.Record(AuditEventType.PasswordResetRequested, account.Id, actorId: actorId);
        AccountsLog.ResetRequested(logger, account.Id);
    }

    private async Task<List<PortalUser>> AccountsOfAsync(string email, CancellationToken ct)
    {
        var normalized = users.NormalizeEmail(email.Trim());
        return await db.Users.Where(u => u.NormalizedEmail == normalized && u.DeactivatedUtc == null).ToListAsync(ct);
    }
}
