using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Sigma.Portal.Audit;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// Registers an application or changes one, from the console or the command line. A confidential client's secret is
/// made here, shown once and stored only as OpenIddict's salted hash; it changes only when asked to rotate. Every
/// change is in the audit trail, saved with it.
/// </summary>
public sealed class ApplicationRegistrar(
    PortalDbContext db,
    IOpenIddictApplicationManager applications,
    AuditTrail audit,
    ApplicationOrigins origins,
    SecretHasher hasher,
    ILogger<ApplicationRegistrar> logger)
{
    /// <param name="Problems">Text keys of what is wrong; nothing was saved when there are any.</param>
    /// <param name="Created">A new client id.</param>
    /// <param name="ClientSecret">The new secret, to be shown once; null when none was made.</param>
    public sealed record Result(IReadOnlyList<string> Problems, bool Created = false, string? ClientSecret = null);

    public async Task<Result> SaveAsync(ApplicationRegistration registration, bool rotateSecret, Guid? actorId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (ApplicationRules.Problems(registration) is { Count: > 0 } problems)
        {
            return new Result(problems);
        }

        // Client secrets are hashed with the portal's key (PortalApplicationManager): read it before the transaction.
        await hasher.EnsureKeyAsync(ct);
        var result = await db.InTransactionAsync(
            async transactionCt =>
            {
                var existing = await applications.FindByClientIdAsync(registration.ClientId, transactionCt);
                var descriptor = new OpenIddictApplicationDescriptor();
                if (existing is not null)
                {
                    await applications.PopulateAsync(descriptor, existing, transactionCt);
                }

                var wasPublic = existing is not null && descriptor.ClientType == ClientTypes.Public;
                Describe(descriptor, registration);
                var secret = !registration.Public && (existing is null || rotateSecret || wasPublic) ? NewSecret() : null;
                descriptor.ClientSecret = registration.Public ? null : secret ?? descriptor.ClientSecret;

                audit.Record(
                    existing is null ? AuditEventType.ApplicationRegistered : secret is not null ? AuditEventType.ApplicationSecretRotated : AuditEventType.ApplicationChanged,
                    userId: null,
                    detail: registration.ClientId,
                    actorId: actorId);
                if (existing is null)
                {
                    await applications.CreateAsync(descriptor, transactionCt);
                }
                else
                {
                    // A kept secret is copied over as the hash it already is; a new one goes through the manager, which hashes it.
                    await applications.PopulateAsync(existing, descriptor, transactionCt);
                    if (secret is null)
                    {
                        await applications.UpdateAsync(existing, transactionCt);
                    }
                    else
                    {
                        await applications.UpdateAsync(existing, secret, transactionCt);
                    }
                }

                SingleSignOnLog.ApplicationSaved(logger, registration.ClientId);
                return new Result([], existing is null, secret);
            },
            ct);
        await origins.RunOnceAsync(ct);
        return result;
    }

    /// <summary>Switches an application off or on again; while off, it gets no code and no token, and has no tile.</summary>
    /// <returns>False when there is no such application.</returns>
    public async Task<bool> SetDisabledAsync(string clientId, bool disabled, Guid? actorId, CancellationToken ct)
    {
        var changed = await SetPropertyAsync(
            clientId, PortalApplication.DisabledProperty, JsonSerializer.SerializeToElement(disabled), disabled ? "disabled" : "enabled", actorId, alongside: null, ct);
        await origins.RunOnceAsync(ct);
        return changed;
    }

    /// <summary>
    /// Sets one of the portal's properties of a registration, with <paramref name="alongside"/> (more rows to change)
    /// and the audit event "{client id}: {what}" in the same transaction.
    /// </summary>
    /// <returns>False when there is no such application; nothing was changed then.</returns>
    internal Task<bool> SetPropertyAsync(
        string clientId, string property, JsonElement value, string what, Guid? actorId, Func<CancellationToken, Task>? alongside, CancellationToken ct) =>
        db.InTransactionAsync(
            async transactionCt =>
            {
                if (await applications.FindByClientIdAsync(clientId, transactionCt) is not { } application)
                {
                    return false;
                }

                if (alongside is not null)
                {
                    await alongside(transactionCt);
                }

                var descriptor = new OpenIddictApplicationDescriptor();
                await applications.PopulateAsync(descriptor, application, transactionCt);
                descriptor.Properties[property] = value;
                await applications.PopulateAsync(application, descriptor, transactionCt);
                audit.Record(AuditEventType.ApplicationChanged, userId: null, detail: $"{clientId}: {what}", actorId: actorId);
                // Saves whatever else the transaction changed, and the audit event, with the registration.
                await applications.UpdateAsync(application, transactionCt);
                return true;
            },
            ct);

    private static void Describe(OpenIddictApplicationDescriptor descriptor, ApplicationRegistration registration)
    {
        descriptor.ClientId = registration.ClientId;
        descriptor.DisplayName = registration.DisplayName.Trim();
        descriptor.ClientType = registration.Public ? ClientTypes.Public : ClientTypes.Confidential;
        descriptor.ConsentType = ConsentTypes.Implicit;
        descriptor.ApplicationType = ApplicationTypes.Web;
        Replace(descriptor.RedirectUris, registration.RedirectUris);
        Replace(descriptor.PostLogoutRedirectUris, registration.PostLogoutRedirectUris);

        descriptor.Permissions.Clear();
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile,
            Permissions.Scopes.Email,
            Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            Permissions.Prefixes.Scope + ProviderScopes.Account,
        ]);
        // PKCE for every client, confidential ones too (OAuth 2.0 Security BCP): a stolen code is worthless alone.
        descriptor.Requirements.Clear();
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        descriptor.Properties[PortalApplication.StartUrlProperty] = JsonSerializer.SerializeToElement(registration.StartUrl?.AbsoluteUri);
        descriptor.Properties[PortalApplication.BackChannelLogoutProperty] = JsonSerializer.SerializeToElement(registration.BackChannelLogoutUri?.AbsoluteUri);
        descriptor.Properties[PortalApplication.DescriptionProperty] = JsonSerializer.SerializeToElement(registration.Description?.Trim());
        descriptor.Properties[PortalApplication.AccountTypesProperty] =
            JsonSerializer.SerializeToElement(registration.AccountTypes.Order().Select(t => t.ToString()).ToArray());
        descriptor.Properties.TryAdd(PortalApplication.DisabledProperty, JsonSerializer.SerializeToElement(false));
    }

    private static void Replace(HashSet<Uri> target, IEnumerable<Uri> uris)
    {
        target.Clear();
        target.UnionWith(uris);
    }

    /// <summary>256 random bits, base64url: what the application keeps and sends with each token request.</summary>
    private static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
