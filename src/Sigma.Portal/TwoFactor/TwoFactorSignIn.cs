using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.TwoFactor;

/// <summary>
/// The step between password and code. A correct password only earns the <see cref="TwoFactorSchemes.PasswordVerified"/>
/// cookie; the full session is issued after the authenticator code (or a recovery code), or after a skipped setup
/// while two-factor is not yet required.
/// </summary>
public sealed class TwoFactorSignIn(PortalDbContext db, AccountSignIn accounts, IOptions<TwoFactorOptions> options, TimeProvider time)
{
    private const string StampClaim = "sigma:stamp";

    public async Task<TwoFactorStep> BeginAsync(HttpContext http, PortalUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(StampClaim, user.SecurityStamp ?? "")],
            TwoFactorSchemes.PasswordVerified);
        await http.SignInAsync(TwoFactorSchemes.PasswordVerified, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IsPersistent = false,
            ExpiresUtc = time.GetUtcNow() + options.Value.SignInStepLifetime,
        });
        var hasAuthenticator = await db.Authenticators.AnyAsync(a => a.UserId == user.Id && a.Status == AuthenticatorStatus.Active, ct);
        return hasAuthenticator ? TwoFactorStep.Verify : TwoFactorStep.Setup;
    }

    /// <summary>The account whose password was verified in this browser, while its security stamp is unchanged.</summary>
    public async Task<PortalUser?> CurrentUserAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return null;
        }

        var stamp = principal.FindFirstValue(StampClaim);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is not null && stamp is not null && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal) ? user : null;
    }

    public async Task CompleteAsync(HttpContext http, PortalUser user, bool multiFactor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        await http.SignOutAsync(TwoFactorSchemes.PasswordVerified);
        await accounts.CompleteAsync(user, multiFactor ? TwoFactorPolicy.MultiFactor : TwoFactorPolicy.PasswordOnly, ct);
    }
}
