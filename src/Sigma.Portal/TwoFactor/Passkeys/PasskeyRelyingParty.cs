using Microsoft.AspNetCore.Identity;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>
/// Who the portal is to a passkey: the relying party id and the one origin a browser may sign for, both taken from
/// <c>Portal:PublicBaseUrl</c> and never from the request, so a forged Host header or a look-alike site gets nothing
/// the portal accepts. User verification (the phone's PIN, face or fingerprint) is required, which makes a passkey two
/// factors on its own; attestation is not asked for: the portal does not limit which makes of authenticator people
/// use, and asking would only add a privacy prompt.
/// </summary>
public sealed class PasskeyRelyingParty(IOptions<PortalOptions> portal) : IConfigureOptions<IdentityPasskeyOptions>
{
    /// <summary>Without a public address there is no relying party: every ceremony is refused.</summary>
    public bool IsConfigured => portal.Value.PublicBaseUrl is not null;

    /// <summary>The origin browsers report for the portal's own pages, as "https://host[:port]".</summary>
    public string? Origin => portal.Value.PublicBaseUrl?.GetLeftPart(UriPartial.Authority);

    public void Configure(IdentityPasskeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ServerDomain = portal.Value.PublicBaseUrl?.Host ?? "passkeys-not-configured.invalid";
        options.UserVerificationRequirement = "required";
        options.ResidentKeyRequirement = "required";
        options.AttestationConveyancePreference = "none";
        options.ValidateOrigin = context => ValueTask.FromResult(
            Origin is { } origin && !context.CrossOrigin && string.Equals(context.Origin, origin, StringComparison.Ordinal));
    }
}
