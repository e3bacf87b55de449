namespace Sigma.Portal.Infrastructure.DataProtection;

/// <summary>Section <c>DataProtection</c>: how the key ring stored in the database is itself protected.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PFX file whose certificate encrypts every key at rest. Recommended in production.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Earlier certificates, still able to decrypt keys written before a certificate rotation.</summary>
    public IReadOnlyList<string> PreviousCertificatePaths { get; set; } = [];
}
