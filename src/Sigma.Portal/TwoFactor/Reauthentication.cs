using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts;
using Sigma.Portal.Audit;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Infrastructure.Security;

namespace Sigma.Portal.TwoFactor;

/// <summary>
/// Before the authenticator or the recovery codes change, the person proves it is them again: password plus a current
/// code (or a recovery code). That unlocks the change for a few minutes, in this browser only (an encrypted cookie
/// bound to the account and its security stamp). Each attempt counts toward the account's lockout before it is
/// evaluated; a right one gives its count back.
/// </summary>
public sealed class Reauthentication(
    PortalDbContext db,
    IPasswordHasher<PortalUser> hasher,
    PasswordWork work,
    LockoutCounter lockout,
    TotpVerifier totp,
    RecoveryCodes recoveryCodes,
    AuditTrail audit,
    AccountSignIn signIn,
    IDataProtectionProvider protection,
    PortalCookies cookies,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<Reauthentication> logger)
{
    private const string Purpose = "Sigma.Portal.TwoFactor.Reauthentication";

    public async Task<SecondFactorResult> ConfirmAsync(HttpContext http, PortalUser user, string password, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var attempt = await lockout.BeginAsync(user, ct);
        if (!attempt.Allowed)
        {
            return new SecondFactorResult { LockedUntil = attempt.LockedUntil };
        }

        var passwordMatches = user.PasswordHash is not null
            && await work.RunAsync(() => hasher.VerifyHashedPassword(user, user.PasswordHash, password), ct) != PasswordVerificationResult.Failed;
        if (!passwordMatches || !await SecondFactorMatchesAsync(user, code, ct))
        {
            await audit.RecordNowAsync(AuditEventType.SignInFailed, user.Id, "Reauthentication", ct);
            return new SecondFactorResult { LockedUntil = await lockout.FailedAsync(attempt, ct) };
        }

        await lockout.SucceededAsync(attempt, ct);

        var expires = time.GetUtcNow() + options.Value.ReauthenticationLifetime;
        var payload = string.Join('|', user.Id.ToString("N"), user.SecurityStamp, expires.UtcTicks.ToString(CultureInfo.InvariantCulture));
        http.Response.Cookies.Append(cookies.Reauthenticated, protection.CreateProtector(Purpose).Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = cookies.Secure,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = options.Value.ReauthenticationLifetime,
            IsEssential = true,
        });
        await signIn.RenewSessionAsync(user);
        TwoFactorLog.Reauthenticated(logger, user.Id);
        return new SecondFactorResult { Accepted = true };
    }

    /// <summary>Whether this browser re-authenticated for this account, with its current stamp, a few minutes ago.</summary>
    public bool IsRecent(HttpContext http, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        if (!http.Request.Cookies.TryGetValue(cookies.Reauthenticated, out var value) || string.IsNullOrEmpty(value))
        {
            return false;
        }

        try
        {
            var parts = protection.CreateProtector(Purpose).Unprotect(value).Split('|');
            return parts.Length == 3
                && parts[0] == user.Id.ToString("N")
                && string.Equals(parts[1], user.SecurityStamp, StringComparison.Ordinal)
                && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ticks)
                && ticks > time.GetUtcNow().UtcTicks;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Once used for a change, the unlock ends.</summary>
    public void End(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(cookies.Reauthenticated, new CookieOptions { Path = "/", Secure = cookies.Secure, SameSite = SameSiteMode.Strict });
    }

    private async Task<bool> SecondFactorMatchesAsync(PortalUser user, string? code, CancellationToken ct)
    {
        var active = await AuthenticatorQueries.Active(db, user.Id, ct);
        if (TotpVerifier.Normalize(code) is not null)
        {
            return active is not null && await totp.VerifyAsync(active, code, ct) == TotpResult.Accepted;
        }

        return await recoveryCodes.RedeemAsync(user.Id, code, ct);
    }
}
