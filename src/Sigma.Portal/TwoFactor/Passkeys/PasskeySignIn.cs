using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Audit;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>
/// Signing in with a passkey: Identity's assertion ceremony with its state held by <see cref="PasskeyCeremonies"/>, so
/// each challenge is answered once. On the login page no account is named (the browser offers the person's passkeys for
/// the portal, and the one picked names its account); at the code step only the password-verified account's passkeys
/// count. A refused answer is audited against the passkey's account when the passkey is known, never with what it
/// carried. It is not counted toward the account's lockout: an answer is not a guess at anything the person knows.
/// </summary>
public sealed class PasskeySignIn(
    IPasskeyHandler<PortalUser> handler,
    UserManager<PortalUser> users,
    PasskeyCeremonies ceremonies,
    PasskeyRelyingParty relyingParty,
    PortalDbContext db,
    AuditTrail audit,
    SignInMetrics metrics,
    TimeProvider time,
    ILogger<PasskeySignIn> logger)
{
    private const string Purpose = "sign-in";

    /// <summary>Whether the account can sign in with a passkey: the portal has a relying party and the account a passkey.</summary>
    public async Task<bool> OfferedAsync(Guid accountId, CancellationToken ct) =>
        relyingParty.IsConfigured && await db.Set<IdentityUserPasskey<Guid>>().AnyAsync(p => p.UserId == accountId, ct);

    /// <summary>The options for navigator.credentials.get(), and the ceremony its answer must name.</summary>
    /// <param name="account">The account at the code step; null on the login page.</param>
    /// <param name="http">The request, which Identity's handler wants; the relying party never comes from it.</param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<(Guid Ceremony, string OptionsJson)> BeginAsync(PortalUser? account, HttpContext http, CancellationToken ct)
    {
        var request = await handler.MakeRequestOptionsAsync(account, http);
        return (await ceremonies.BeginAsync(Purpose, account?.Id, request.AssertionState ?? "", ct), request.RequestOptionsJson);
    }

    /// <summary>The account the browser's answer proves, with its passkey's counter and last use saved; null when refused.</summary>
    public async Task<PortalUser?> VerifyAsync(Guid ceremony, string credentialJson, PortalUser? account, HttpContext http, CancellationToken ct)
    {
        var state = await ceremonies.TakeAsync(ceremony, Purpose, account?.Id, ct);
        var result = state is null ? null : await handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            CredentialJson = credentialJson,
            AssertionState = state,
            HttpContext = http,
        });
        var refusal = result is null ? "no live ceremony"
            : !result.Succeeded ? result.Failure?.Message ?? "refused"
            : account is not null && result.User.Id != account.Id ? "another account's passkey"
            : result.User.DeactivatedUtc is not null ? "Deactivated"
            : null;
        if (refusal is not null)
        {
            await RefuseAsync(refusal, credentialJson, ct);
            return null;
        }

        // The new signature counter (a copy of the key answering with an older one is refused next time), the flags the
        // device reports and the time, in one update: Identity's own would also revalidate and rewrite the account.
        var passkey = result!.Passkey!;
        if (await db.Set<IdentityUserPasskey<Guid>>().FindAsync([passkey.CredentialId], ct) is not { } stored)
        {
            await RefuseAsync("removed meanwhile", credentialJson, ct);
            return null;
        }

        stored.Data.SignCount = passkey.SignCount;
        stored.Data.IsUserVerified = passkey.IsUserVerified;
        stored.Data.IsBackedUp = passkey.IsBackedUp;
        db.Entry(stored).Property(PortalDbContext.LastUsedColumn).CurrentValue = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        metrics.Attempt(SignInMetrics.Steps.Passkey, SignInMetrics.Outcomes.Ok);
        return result.User;
    }

    private async Task RefuseAsync(string reason, string credentialJson, CancellationToken ct)
    {
        var owner = await OwnerAsync(credentialJson);
        TwoFactorLog.PasskeyRefused(logger, owner?.Id ?? Guid.Empty, reason);
        metrics.Attempt(SignInMetrics.Steps.Passkey, reason == "Deactivated" ? SignInMetrics.Outcomes.Deactivated : SignInMetrics.Outcomes.Wrong);
        await audit.RecordNowAsync(AuditEventType.SignInFailed, owner?.Id, reason == "Deactivated" ? reason : "PasskeyRefused", ct);
    }

    /// <summary>The account of the passkey an answer names, if it names one the portal knows.</summary>
    private async Task<PortalUser?> OwnerAsync(string credentialJson)
    {
        try
        {
            using var json = JsonDocument.Parse(credentialJson);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? await users.FindByPasskeyIdAsync(WebEncoders.Base64UrlDecode(id.GetString()!))
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }
}
