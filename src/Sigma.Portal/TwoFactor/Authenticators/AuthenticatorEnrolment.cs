using Microsoft.Extensions.Localization;
using Sigma.Portal.Audit;
using Sigma.Portal.Data.TwoFactor;
using Sigma.Portal.Localisation;
using Sigma.Portal.TwoFactor.Recovery;

namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>
/// Setting up an authenticator, the first time or on a new phone. The secret is generated and kept on the server
/// (encrypted) while the QR code is shown; it becomes active only after a correct code, and only then is the previous
/// authenticator revoked, so the old phone keeps working until the new one is confirmed.
/// </summary>
public sealed class AuthenticatorEnrolment(
    PortalDbContext db,
    AuthenticatorSecrets secrets,
    TotpVerifier verifier,
    RecoveryCodes recoveryCodes,
    TwoFactorEmails emails,
    AuditTrail audit,
    IStringLocalizer<SharedText> shared,
    IStringLocalizer<TwoFactorText> text,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<AuthenticatorEnrolment> logger)
{
    /// <summary>The account's pending authenticator, reused while fresh so a reload shows the QR code already scanned.</summary>
    public async Task<AuthenticatorSetup> PendingAsync(PortalUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var pending = await FreshPendingAsync(user.Id, ct);
        if (pending is null)
        {
            await db.Authenticators.Where(a => a.UserId == user.Id && a.Status == AuthenticatorStatus.Pending).ExecuteDeleteAsync(ct);
            pending = secrets.NewAuthenticator(user.Id, AuthenticatorSecrets.NewSecret(), time.GetUtcNow().UtcDateTime);
            db.Authenticators.Add(pending);
            await db.SaveChangesAsync(ct);
        }

        var secret = secrets.Unprotect(pending);
        var label = AccountLabel(user);
        var uri = OtpAuthUri.For(options.Value.Issuer, label, secret);
        using var language = CultureScope.For(user.PreferredLanguage);
        return new AuthenticatorSetup(QrCodeSvg.Create(uri, text["Setup.QrCode"]), AuthenticatorSecrets.ManualKey(secret), label, uri);
    }

    public Task<bool> HasActiveAsync(Guid userId, CancellationToken ct) =>
        AuthenticatorQueries.HasActive(db, userId, ct);

    /// <summary>
    /// Confirms the pending authenticator with a code from the app and makes it the account's only active one.
    /// A first setup (<paramref name="replacing"/> false, reached with a password alone) is refused when the account
    /// already has an authenticator: only a fully signed-in, re-authenticated person may replace one.
    /// </summary>
    public async Task<EnrolmentResult> ConfirmAsync(PortalUser user, string? code, bool replacing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var pending = await FreshPendingAsync(user.Id, ct);
        if (pending is null || await verifier.VerifyAsync(pending, code, ct) != TotpResult.Accepted)
        {
            return EnrolmentResult.Refused;
        }

        return await db.InTransactionAsync(async transactionCt =>
        {
            if (!replacing && await HasActiveAsync(user.Id, transactionCt))
            {
                return EnrolmentResult.Refused;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var activated = await db.Authenticators
                .Where(a => a.Id == pending.Id && a.Status == AuthenticatorStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AuthenticatorStatus.Active).SetProperty(a => a.ActivatedUtc, now), transactionCt);
            if (activated == 0)
            {
                return EnrolmentResult.Refused;
            }

            var replaced = await RevokeAllAsync(user.Id, pending.Id, transactionCt);
            await db.Users.Where(u => u.Id == user.Id && u.TwoFactorResetUtc != null)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorResetUtc, (DateTime?)null), transactionCt);
            IReadOnlyList<string>? codes = null;
            if (replaced == 0)
            {
                codes = await recoveryCodes.RenewAsync(user.Id, transactionCt);
                emails.QueueSetUp(user);
                audit.Record(AuditEventType.TwoFactorSetUp, user.Id);
                TwoFactorLog.AuthenticatorActivated(logger, user.Id);
            }
            else
            {
                emails.QueueReplaced(user);
                audit.Record(AuditEventType.TwoFactorReplaced, user.Id);
                TwoFactorLog.AuthenticatorReplaced(logger, user.Id);
            }

            await db.SaveChangesAsync(transactionCt);
            return new EnrolmentResult { Confirmed = true, RecoveryCodes = codes };
        }, ct);
    }

    public async Task CancelAsync(Guid userId, CancellationToken ct)
    {
        await db.Authenticators.Where(a => a.UserId == userId && a.Status == AuthenticatorStatus.Pending).ExecuteDeleteAsync(ct);
        TwoFactorLog.NewPhoneCancelled(logger, userId);
    }

    /// <summary>How the authenticator app lists the account: the issuer, then the label.</summary>
    public string EntryName(PortalUser user) => $"{options.Value.Issuer}: {AccountLabel(user)}";

    /// <summary>"jan@voorbeeld.nl (Werknemer)": the account type makes two accounts of one person two distinct entries.</summary>
    public string AccountLabel(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var language = CultureScope.For(user.PreferredLanguage);
        return $"{user.Email} ({shared["AccountType." + user.AccountType]})";
    }

    private Task<Authenticator?> FreshPendingAsync(Guid userId, CancellationToken ct)
    {
        var freshSince = time.GetUtcNow().UtcDateTime - options.Value.SetupLifetime;
        return db.Authenticators.AsNoTracking()
            .Where(a => a.UserId == userId && a.Status == AuthenticatorStatus.Pending && a.CreatedUtc > freshSince)
            .OrderByDescending(a => a.CreatedUtc)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Revokes every authenticator of the account but <paramref name="keep"/>, pending ones included: after a new phone
    /// is validated, and when an administrator resets two-factor. Run it inside the caller's transaction.
    /// </summary>
    /// <returns>How many of them were active: none means this was the account's first authenticator.</returns>
    public async Task<int> RevokeAllAsync(Guid userId, Guid? keep, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var active = await db.Authenticators.CountAsync(a => a.UserId == userId && a.Status == AuthenticatorStatus.Active && a.Id != keep, ct);
        await db.Authenticators
            .Where(a => a.UserId == userId && a.Status != AuthenticatorStatus.Revoked && a.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AuthenticatorStatus.Revoked).SetProperty(a => a.RevokedUtc, now), ct);
        return active;
    }
}
