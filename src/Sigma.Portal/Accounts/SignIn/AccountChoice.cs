using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// When one password opens both an employee and an employer account, the accounts it opened are remembered for five
/// minutes in an encrypted, HttpOnly cookie of this browser, so the chooser that follows can only pick one of them.
/// </summary>
public sealed class AccountChoice(
    IDataProtectionProvider protection,
    PortalCookies cookies,
    PortalDbContext db,
    LockoutCounter lockout,
    TimeProvider time)
{
    private const string Purpose = "Sigma.Portal.Accounts.SignIn.AccountChoice";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public void Offer(HttpContext http, IEnumerable<PortalUser> accounts)
    {
        ArgumentNullException.ThrowIfNull(http);
        var expires = time.GetUtcNow() + Lifetime;
        var payload = expires.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + string.Join(',', accounts.Select(a => a.Id.ToString("N")));
        http.Response.Cookies.Append(cookies.AccountChoice, protection.CreateProtector(Purpose).Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = cookies.Secure,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }

    /// <summary>The chosen account, if it was on offer in this browser, the offer is fresh and the account not locked.</summary>
    public async Task<PortalUser?> TakeAsync(HttpContext http, AccountType type, CancellationToken ct)
    {
        var offered = Read(http);
        Clear(http);
        if (offered.Count == 0)
        {
            return null;
        }

        var account = await db.Users.FirstOrDefaultAsync(u => offered.Contains(u.Id) && u.AccountType == type, ct);
        return account is null || lockout.IsLockedOut(account) ? null : account;
    }

    private IReadOnlyList<Guid> Read(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Cookies.TryGetValue(cookies.AccountChoice, out var value) || string.IsNullOrEmpty(value))
        {
            return [];
        }

        string payload;
        try
        {
            payload = protection.CreateProtector(Purpose).Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }

        var parts = payload.Split('|');
        if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) || ticks < time.GetUtcNow().UtcTicks)
        {
            return [];
        }

        return [.. parts[1].Split(',').Select(id => Guid.TryParseExact(id, "N", out var parsed) ? parsed : Guid.Empty).Where(id => id != Guid.Empty)];
    }

    private void Clear(HttpContext http) =>
        http.Response.Cookies.Delete(cookies.AccountChoice, new CookieOptions { Path = "/", Secure = cookies.Secure, SameSite = SameSiteMode.Strict });
}
