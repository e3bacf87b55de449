using Microsoft.AspNetCore.DataProtection;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.TwoFactor.SignIn;

namespace Sigma.Portal.TwoFactor.Settings;

/// <summary>
/// Before the authenticator or the recovery codes change, the person proves it is them again: password plus a current
/// code or a recovery code, checked by <see cref="SecondFactor"/> as at sign-in (counted toward the lockout, a recovery
/// code used up, audited and emailed). That unlocks the change for a few minutes, in this browser only: a cookie that
/// Data Protection's time-limited protector seals with the account and its security stamp, in a session that starts
/// anew, so a copy of the old session cookie shares in none of it.
/// </summary>
public sealed class Reauthentication(
    SecondFactor secondFactor,
    AccountSignIn signIn,
    IDataProtectionProvider protection,
    PortalCookies cookies,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<Reauthentication> logger)
{
    private const string Purpose = "Sigma.Portal.TwoFactor.Settings.Reauthentication";

    public async Task<SecondFactorResult> ConfirmAsync(HttpContext http, PortalUser user, string password, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var result = await secondFactor.CheckPasswordAndCodeAsync(user, password, code, ct);
        if (!result.Accepted)
        {
            return result;
        }

        var lifetime = options.Value.ReauthenticationLifetime;
        http.Response.Cookies.Append(cookies.Reauthenticated, Protector().Protect(Binding(user), time.GetUtcNow() + lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = cookies.Secure,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = lifetime,
            IsEssential = true,
        });
        await signIn.RenewSessionAsync(user);
        TwoFactorLog.Reauthenticated(logger, user.Id);
        return result;
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
            var binding = Protector().Unprotect(value, out var expires);
            return string.Equals(binding, Binding(user), StringComparison.Ordinal) && expires > time.GetUtcNow();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Tampered, sealed for another purpose, or expired.
            return false;
        }
    }

    /// <summary>Once used for a change, the unlock ends.</summary>
    public void End(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(cookies.Reauthenticated, new CookieOptions { Path = "/", Secure = cookies.Secure, SameSite = SameSiteMode.Strict });
    }

    // The time-limited protector checks the expiry it seals against the system clock; it is checked again against the
    // portal's clock, which is the one the rest of the portal (and its tests) keep time by.
    private ITimeLimitedDataProtector Protector() => protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    private static string Binding(PortalUser user) => user.Id.ToString("N") + "|" + user.SecurityStamp;
}
