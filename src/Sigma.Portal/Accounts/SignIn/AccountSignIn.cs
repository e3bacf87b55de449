using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Audit;

namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// Turns a verified person into a signed-in session: a fresh sign-in cookie (never one the browser brought along)
/// recording how the person proved who they are (<c>amr</c>), the failure count back to zero and the time recorded.
/// </summary>
public sealed class AccountSignIn(
    SignInManager<PortalUser> signInManager,
    PortalDbContext db,
    AuditTrail audit,
    TimeProvider time,
    ILogger<AccountSignIn> logger)
{
    public async Task CompleteAsync(PortalUser user, SignInMethod method, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(method);
        await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [.. method.References.Select(r => new Claim(ClaimTypes.AuthenticationMethod, r))]);
        var now = time.GetUtcNow().UtcDateTime;
        // The count back to zero, the time and the audit event: one commit, so never one without the others.
        await db.InTransactionAsync(
            async transactionCt =>
            {
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
                    s =>
                    {
                        LockoutCounter.Reset(s);
                        s.SetProperty(u => u.LastSignInUtc, now);
                    },
                    transactionCt);
                audit.Record(AuditEventType.SignInSucceeded, user.Id, method.AuditName);
                return await db.SaveChangesAsync(transactionCt);
            },
            ct);
        AccountsLog.SignedIn(logger, user.Id);
    }

    /// <summary>
    /// After the person proved who they are again in a signed-in session (re-authentication): the same sign-in, in a new
    /// session, so a copy of the old cookie does not share in what the proof unlocks. Every <c>amr</c> value is kept
    /// (Identity's own refresh keeps only the first, which would drop "mfa").
    /// </summary>
    public async Task RenewSessionAsync(PortalUser user)
    {
        var current = await signInManager.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var methods = current.Principal?.FindAll(ClaimTypes.AuthenticationMethod).Select(c => new Claim(c.Type, c.Value)) ?? [];
        await signInManager.SignInWithClaimsAsync(user, current.Properties, [.. methods]);
    }

    public async Task SignOutAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        await signInManager.SignOutAsync();
        if (principal.FindAccountId() is { } userId)
        {
            await audit.RecordNowAsync(AuditEventType.SignedOut, userId, null, ct);
            AccountsLog.SignedOut(logger, userId);
        }
    }
}
