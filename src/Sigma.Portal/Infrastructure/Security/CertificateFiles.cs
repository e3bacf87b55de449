using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>Certificates named in configuration (the key ring's, the token signing ones), read once at start.</summary>
public static class CertificateFiles
{
    /// <summary>The PFX at <paramref name="path"/>; a missing, unreadable or key-less file fails the start naming <paramref name="key"/>.</summary>
    public static X509Certificate2 LoadWithPrivateKey(string path, string? password, string key)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new ConfigurationException($"{key}: the certificate in '{path}' has no private key.");
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{key}: cannot read the certificate '{path}' ({e.GetType().Name}).", e);
        }
    }
}
