using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Accounts;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.TwoFactor.Authenticators;

namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>
/// The step between password and code. A correct password only earns the <see cref="TwoFactorSchemes.PasswordVerified"/>
/// cookie; the full session is issued after the authenticator code (or a recovery code), or after a skipped setup
/// while two-factor is not yet required.
/// </summary>
public sealed class TwoFactorSignIn(
    PortalDbContext db,
    AccountSignIn accounts,
    LinkGenerator links,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<TwoFactorSignIn> logger) : IAfterPassword
{
    private const string StampClaim = "sigma:stamp";
    private const string EnrolmentClaim = "sigma:enrolment";

    /// <summary>The password was right: this browser may take the second step, which is where it goes next.</summary>
    public async Task<string> BeginAsync(HttpContext http, PortalUser account, string? returnUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(account);
        if (http.User.Identity?.IsAuthenticated == true)
        {
            // This browser is becoming someone (else): the session it carried ends now, not at the code.
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }

        await IssueAsync(http, account, enrolmentGranted: false, time.GetUtcNow() + options.Value.SignInStepLifetime);
        var step = await AuthenticatorQueries.HasActive(db, account.Id, ct) ? nameof(TwoFactorController.Verify)
            : account.TwoFactorResetUtc is null ? nameof(TwoFactorController.Setup)
            : nameof(TwoFactorController.AccessPass);
        return links.GetPathByAction(http, step, "TwoFactor", new { returnUrl = LocalRedirects.Location(returnUrl) })
            ?? throw new InvalidOperationException($"No route to the two-factor step {step}.");
    }

    /// <summary>After a valid access pass: this password step may now set up a new authenticator.</summary>
    public async Task GrantEnrolmentAsync(HttpContext http, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        var current = await http.AuthenticateAsync(TwoFactorSchemes.PasswordVerified);
        await IssueAsync(http, user, enrolmentGranted: true, current.Properties?.ExpiresUtc ?? time.GetUtcNow() + options.Value.SignInStepLifetime);
    }

    /// <summary>Whether setting up an authenticator is allowed now: always, unless an administrator reset two-factor.</summary>
    public static bool MayEnrol(ClaimsPrincipal principal, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(user);
        return user.TwoFactorResetUtc is null || principal.HasClaim(EnrolmentClaim, "access-pass");
    }

    private static Task IssueAsync(HttpContext http, PortalUser user, bool enrolmentGranted, DateTimeOffset expires)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(StampClaim, user.SecurityStamp ?? "") };
        if (enrolmentGranted)
        {
            claims.Add(new Claim(EnrolmentClaim, "access-pass"));
        }

        return http.SignInAsync(TwoFactorSchemes.PasswordVerified, new ClaimsPrincipal(new ClaimsIdentity(claims, TwoFactorSchemes.PasswordVerified)),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = expires });
    }

    /// <summary>The account whose password was verified in this browser, while its security stamp is unchanged.</summary>
    public async Task<PortalUser?> CurrentUserAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindAccountId() is not { } userId)
        {
            return null;
        }

        var stamp = principal.FindFirstValue(StampClaim);
        var user = await AccountQueries.ById(db, userId, ct);
        return user is not null && stamp is not null && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal) ? user : null;
    }

    public Task CancelAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.SignOutAsync(TwoFactorSchemes.PasswordVerified);
    }

    public async Task CompleteAsync(HttpContext http, PortalUser user, SignInMethod method, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        if (method == SignInMethod.PasswordOnly)
        {
            TwoFactorLog.SetupSkipped(logger, user.Id);
        }

        await http.SignOutAsync(TwoFactorSchemes.PasswordVerified);
        await accounts.CompleteAsync(user, method, ct);
    }
}
