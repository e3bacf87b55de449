namespace Sigma.Portal.Infrastructure.DataProtection;

/// <summary>In Production the key ring is never written in clear: a certificate is configured, or the portal does not start.</summary>
internal sealed class KeyRingOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options) =>
        string.IsNullOrWhiteSpace(options.CertificatePath) && environment.IsProductionLike()
            ? ValidateOptionsResult.Fail("DataProtection:CertificatePath is required in Production: a certificate kept outside the database "
                + "encrypts its key ring (with DataProtection:CreateCertificate=true the portal makes one there on first start).")
            : ValidateOptionsResult.Success;
}
