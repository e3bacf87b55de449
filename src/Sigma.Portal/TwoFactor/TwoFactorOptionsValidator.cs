namespace Sigma.Portal.TwoFactor;

/// <summary>Requiring passkeys of administrators without a public address (so no passkeys) would lock every one out.</summary>
internal sealed class TwoFactorOptionsValidator(IOptions<PortalOptions> portal) : IValidateOptions<TwoFactorOptions>
{
    public ValidateOptionsResult Validate(string? name, TwoFactorOptions options) =>
        options.RequirePasskeyForAdministrators && portal.Value.PublicBaseUrl is null
            ? ValidateOptionsResult.Fail("TwoFactor:RequirePasskeyForAdministrators needs Portal:PublicBaseUrl: passkeys belong to the portal's public address.")
            : ValidateOptionsResult.Success;
}
