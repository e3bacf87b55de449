using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Audit;
using Sigma.Portal.TwoFactor.Authenticators;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>
/// Adding, renaming and removing a signed-in account's passkeys. Adding is Identity's registration ceremony with the
/// state held by <see cref="PasskeyCeremonies"/>; each add and remove is audited and announced by email.
/// </summary>
public sealed class PasskeyRegistration(
    UserManager<PortalUser> users,
    IPasskeyHandler<PortalUser> handler,
    PasskeyCeremonies ceremonies,
    AuthenticatorEnrolment enrolment,
    AuditTrail audit,
    TwoFactorEmails emails,
    PortalDbContext db,
    ILogger<PasskeyRegistration> logger)
{
    public const int MaxNameLength = 50;

    private const string Purpose = "add";

    /// <summary>The options for navigator.credentials.create(), and the ceremony its answer must name.</summary>
    public async Task<(Guid Ceremony, string OptionsJson)> BeginAsync(PortalUser user, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        // The browser's passkey chooser shows the name: "jan@voorbeeld.nl (Werknemer)" tells a person's two accounts apart.
        var entity = new PasskeyUserEntity { Id = user.Id.ToString(), Name = enrolment.AccountLabel(user), DisplayName = user.DisplayName };
        var creation = await handler.MakeCreationOptionsAsync(entity, http);
        return (await ceremonies.BeginAsync(Purpose, user.Id, creation.AttestationState ?? "", ct), creation.CreationOptionsJson);
    }

    /// <summary>The browser's answer checked and, when it holds, the passkey stored under the name the person gave it.</summary>
    public async Task<bool> AddAsync(PortalUser user, Guid ceremony, string credentialJson, string name, HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var state = await ceremonies.TakeAsync(ceremony, Purpose, user.Id, ct);
        var result = state is null ? null : await handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            CredentialJson = credentialJson,
            AttestationState = state,
            HttpContext = http,
        });
        if (result is not { Succeeded: true, Passkey: { } passkey } || result.UserEntity.Id != user.Id.ToString()
            || await users.FindByPasskeyIdAsync(passkey.CredentialId) is not null)
        {
            TwoFactorLog.PasskeyRefused(logger, user.Id, state is null ? "no live ceremony" : result?.Failure?.Message ?? "already registered or another account");
            await audit.RecordNowAsync(AuditEventType.PasskeyRefused, user.Id, null, ct);
            return false;
        }

        passkey.Name = name.Trim();
        audit.Record(AuditEventType.PasskeyAdded, user.Id, passkey.Name);
        emails.QueuePasskeyAdded(user);
        var added = await SaveAsync(user, passkey);
        TwoFactorLog.PasskeyChanged(logger, user.Id, added ? "added" : "not saved");
        return added;
    }

    /// <summary>The account's passkeys, oldest first, each with when it last signed the person in (null: not yet).</summary>
    public async Task<IReadOnlyList<(UserPasskeyInfo Passkey, DateTime? LastUsedUtc)>> ListAsync(PortalUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lastUsed = await db.Set<IdentityUserPasskey<Guid>>().Where(p => p.UserId == user.Id)
            .Select(p => new { p.CredentialId, LastUsedUtc = EF.Property<DateTime?>(p, PortalDbContext.LastUsedColumn) })
            .ToListAsync(ct);
        return [.. (await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt)
            .Select(p => (p, lastUsed.FirstOrDefault(u => u.CredentialId.AsSpan().SequenceEqual(p.CredentialId))?.LastUsedUtc))];
    }

    public async Task<bool> RenameAsync(PortalUser user, byte[] credentialId, string name)
    {
        if (await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
        {
            return false;
        }

        passkey.Name = name.Trim();
        return await SaveAsync(user, passkey);
    }

    public async Task<string?> RemoveAsync(PortalUser user, byte[] credentialId)
    {
        if (await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
        {
            return null;
        }

        audit.Record(AuditEventType.PasskeyRemoved, user.Id, passkey.Name);
        emails.QueuePasskeyRemoved(user);
        if (!(await users.RemovePasskeyAsync(user, credentialId)).Succeeded)
        {
            db.ChangeTracker.Clear();
            return null;
        }

        TwoFactorLog.PasskeyChanged(logger, user.Id, "removed");
        return passkey.Name ?? "";
    }

    // Identity saves the passkey with whatever else is pending on the context (the audit event, the email), in one
    // transaction; when it refuses, what was pending goes too.
    private async Task<bool> SaveAsync(PortalUser user, UserPasskeyInfo passkey)
    {
        if ((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
        {
            return true;
        }

        db.ChangeTracker.Clear();
        return false;
    }
}
