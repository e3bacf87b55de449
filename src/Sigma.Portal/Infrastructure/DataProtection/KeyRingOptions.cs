namespace Sigma.Portal.Infrastructure.DataProtection;

/// <summary>Section <c>DataProtection</c>: the certificate that encrypts the key ring stored in the database.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>The certificate file the portal makes for itself where none is configured outside Production.</summary>
    public const string DefaultCertificateFile = "keyring-protection.pfx";

    /// <summary>
    /// A PFX file whose certificate encrypts every key at rest. Required in Production; elsewhere it defaults to
    /// <see cref="DefaultCertificateFile"/> in <c>Database:DataDirectory</c>, made on first start.
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Make the certificate at <see cref="CertificatePath"/> on first start when the file does not exist.</summary>
    public bool CreateCertificate { get; set; }

    /// <summary>Earlier certificates, still able to decrypt keys written before a certificate rotation.</summary>
    public IReadOnlyList<string> PreviousCertificatePaths { get; set; } = [];
}
