using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sigma.Portal.Accounts;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Audit;
using Sigma.Portal.Data.SingleSignOn;
using Sigma.Portal.Sessions;
using Sigma.Portal.SingleSignOn.Applications;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sigma.Portal.SingleSignOn.Authorization;

/// <summary>
/// Whether a portal session may sign its person in to an application, and the identity the application then gets.
/// Only a session that passed both factors qualifies; the application must be enabled and open to the account's type;
/// on every token request the account, the application and the session are checked again, so a deactivated account,
/// a disabled application or an ended session gets no further token.
/// </summary>
public sealed class ApplicationSignIn(
    PortalDbContext db,
    PortalApplications applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictApplicationManager clients,
    UserSessions sessions,
    SecretHasher hasher,
    AuditTrail audit,
    SingleSignOnMetrics metrics,
    ILogger<ApplicationSignIn> logger)
{
    /// <summary>The portal session the tokens came from; kept in codes and refresh tokens, never sent to an application.</summary>
    private const string SessionClaim = "sigma_session";

    /// <summary>OpenID Connect's session id claim (Back-Channel Logout 1.0, §2.1).</summary>
    private const string SessionIdClaim = "sid";

    public enum Outcome
    {
        /// <summary>No portal session yet: the person signs in first and comes back.</summary>
        SignInFirst,

        /// <summary>No session and the application asked not to show any page (<c>prompt=none</c>).</summary>
        LoginRequired,

        /// <summary>A code for the application.</summary>
        Issue,

        /// <summary>The person may not use this application: a page says why, the application hears nothing.</summary>
        Refused,
    }

    /// <param name="Outcome">What happens next.</param>
    /// <param name="Principal">The identity to issue, with <see cref="Outcome.Issue"/>.</param>
    /// <param name="Application">The application's name, for the refusal page.</param>
    /// <param name="Reason">The refusal's text key.</param>
    public sealed record Decision(Outcome Outcome, ClaimsPrincipal? Principal = null, string? Application = null, string? Reason = null);

    public async Task<Decision> DecideAsync(OpenIddictRequest request, ClaimsPrincipal session, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        var application = await applications.FindAsync(request.ClientId ?? "", ct)
            ?? throw new InvalidOperationException("OpenIddict passes on only requests of registered applications.");
        if (session.FindAccountId() is not { } userId || UserSessions.CurrentId(session) is not { } sessionId
            || await sessions.BeganAsync(sessionId, userId, ct) is not { } began
            || MustSignInAgain(request, began, now))
        {
            return new Decision(request.HasPromptValue(PromptValues.None) ? Outcome.LoginRequired : Outcome.SignInFirst);
        }

        var account = await AccountQueries.ById(db, userId, ct);
        // A password alone (a session from before two-factor was required) never reaches an application.
        var refusal = !session.HasClaim(ClaimTypes.AuthenticationMethod, SignInMethod.MultiFactor) ? "Refused.TwoFactor"
            : account is not { DeactivatedUtc: null } ? "Refused.Account"
            : application.Disabled ? "Refused.Disabled"
            : !application.IsOpenTo(account.AccountType) ? "Refused.AccountType"
            : null;
        if (refusal is not null)
        {
            SingleSignOnLog.ApplicationRefused(logger, application.ClientId, userId, refusal);
            await audit.RecordNowAsync(AuditEventType.ApplicationRefused, userId, $"{application.DisplayName}: {refusal}", ct);
            return new Decision(Outcome.Refused, Application: application.DisplayName, Reason: refusal);
        }

        var sid = await SessionIdForApplicationsAsync(sessionId, ct);
        var identity = Identity(account!, sessionId, began, sid, [.. session.FindAll(ClaimTypes.AuthenticationMethod).Select(c => c.Value)]);
        identity.SetScopes(request.GetScopes().Intersect(ProviderScopes.All, StringComparer.Ordinal));
        var client = await clients.FindByClientIdAsync(application.ClientId, ct)
            ?? throw new InvalidOperationException("The application was read a moment ago.");
        // An ad-hoc authorization ties together every token of this sign-in, so a replayed code or a reused refresh token
        // revokes the whole chain.
        var authorization = await authorizations.CreateAsync(
            new ClaimsPrincipal(identity), account!.Id.ToString(), await clients.GetIdAsync(client, ct) ?? "", AuthorizationTypes.AdHoc, identity.GetScopes(), ct);
        var authorizationId = await authorizations.GetIdAsync(authorization, ct) ?? "";
        identity.SetAuthorizationId(authorizationId);
        identity.SetDestinations(DestinationsOf);

        // What the end of this session will have to undo (SessionEndJob), saved with the audit event.
        db.SessionApplications.Add(new SessionApplication
        {
            Id = Guid.NewGuid(),
            SessionId = sessionId,
            UserId = userId,
            ClientId = application.ClientId,
            AuthorizationId = authorizationId,
            Sid = sid,
            CreatedUtc = now.UtcDateTime,
        });
        audit.Record(AuditEventType.SignedInToApplication, userId, application.DisplayName);
        await db.SaveChangesAsync(ct);
        SingleSignOnLog.SignedInToApplication(logger, userId, application.ClientId);
        return new Decision(Outcome.Issue, new ClaimsPrincipal(identity));
    }

    /// <summary>
    /// At the token endpoint: the identity in the code or refresh token, refreshed from the account, while the account,
    /// the application and the portal session still allow it; null refuses the request.
    /// </summary>
    public async Task<ClaimsPrincipal?> RedeemAsync(ClaimsPrincipal issued, OpenIddictRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(request);
        var clientId = request.ClientId;
        var refusal = "unknown subject";
        if (Guid.TryParse(issued.GetClaim(Claims.Subject), out var userId)
            && Guid.TryParseExact(issued.GetClaim(SessionClaim), "N", out var sessionId))
        {
            var application = await applications.FindAsync(clientId ?? "", ct);
            var account = await AccountQueries.ById(db, userId, ct);
            var began = await sessions.BeganAsync(sessionId, userId, ct);
            refusal = account is not { DeactivatedUtc: null } ? "account deactivated or removed"
                : application is null || !application.IsOpenTo(account.AccountType) ? "application disabled or not open to the account"
                : began is null ? "portal session ended"
                : null;
            if (refusal is null)
            {
                var identity = Identity(account!, sessionId, began!.Value, await SessionIdForApplicationsAsync(sessionId, ct), issued.GetClaims(Claims.AuthenticationMethodReference));
                identity.SetScopes(issued.GetScopes());
                identity.SetAuthorizationId(issued.GetAuthorizationId());
                identity.SetDestinations(DestinationsOf);
                metrics.Issued(clientId, request.GrantType);
                return new ClaimsPrincipal(identity);
            }
        }

        SingleSignOnLog.TokenRefused(logger, clientId, refusal);
        if (userId != Guid.Empty)
        {
            await audit.RecordNowAsync(AuditEventType.ApplicationRefused, userId, $"{clientId}: {refusal}", ct);
        }

        return null;
    }

    /// <summary><c>prompt=login</c>, or a session older than <c>max_age</c>: the application wants a fresh password and code.</summary>
    private static bool MustSignInAgain(OpenIddictRequest request, DateTime began, DateTimeOffset now) =>
        request.HasPromptValue(PromptValues.Login)
        || (request.MaxAge is { } maxAge && now - new DateTimeOffset(began, TimeSpan.Zero) > TimeSpan.FromSeconds(maxAge));

    // The amr is the session's own (how the person signed in to the portal), passed on as it is.
    private static ClaimsIdentity Identity(PortalUser account, Guid sessionId, DateTime began, string sid, ImmutableArray<string> methods)
    {
        var identity = new ClaimsIdentity(
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        // The account's own id: the employee and the employer account of one person are two subjects.
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.EmailVerified, account.ActivatedUtc is not null)
            .SetClaim(ProviderScopes.AccountTypeClaim, account.AccountType.ToString().ToLowerInvariant())
            .SetClaim(ProviderScopes.OrganisationClaim, account.Organisation)
            .SetClaim(Claims.AuthenticationTime, new DateTimeOffset(began, TimeSpan.Zero).ToUnixTimeSeconds())
            .SetClaim(SessionIdClaim, sid)
            .SetClaim(SessionClaim, sessionId.ToString("N"));
        identity.SetClaims(Claims.AuthenticationMethodReference, methods);
        return identity;
    }

    /// <summary>
    /// The <c>sid</c> applications see: the same for every application in one session (for back-channel logout), but
    /// a keyed hash, so it cannot be turned back into the session's own id.
    /// </summary>
    private async Task<string> SessionIdForApplicationsAsync(Guid sessionId, CancellationToken ct) =>
        Base64UrlEncoder.Encode(Convert.FromBase64String(await hasher.HashAsync("sid:" + sessionId.ToString("N"), ct)))[..22];

    private static IEnumerable<string> DestinationsOf(Claim claim) => claim.Type switch
    {
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Name when claim.Subject!.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Email or Claims.EmailVerified when claim.Subject!.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
        ProviderScopes.AccountTypeClaim or ProviderScopes.OrganisationClaim when claim.Subject!.HasScope(ProviderScopes.Account)
            => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.AuthenticationMethodReference or Claims.AuthenticationTime or SessionIdClaim => [Destinations.IdentityToken],
        _ => [],
    };
}
