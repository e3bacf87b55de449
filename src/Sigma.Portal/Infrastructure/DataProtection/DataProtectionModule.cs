using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Sigma.Portal.Infrastructure.DataProtection;

internal static class DataProtectionModule
{
    /// <summary>Fixed, so that every instance and every release reads the same keys and purposes.</summary>
    public const string ApplicationName = "Sigma.Portal";

    public static WebApplicationBuilder AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory, ILogger<DatabaseKeyRepository>>((options, scopes, logger) => options.XmlRepository = new DatabaseKeyRepository(scopes, logger));

        // Read once at registration: the key ring's encryptor must be known before the first key is written.
        var settings = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(Load(settings.CertificatePath, settings.CertificatePassword, "DataProtection:CertificatePath"));
            var previous = settings.PreviousCertificatePaths
                .Select(path => Load(path, settings.CertificatePassword, "DataProtection:PreviousCertificatePaths"))
                .ToArray();
            if (previous.Length > 0)
            {
                dataProtection.UnprotectKeysWithAnyCertificate(previous);
            }
        }

        return builder;
    }

    private static X509Certificate2 Load(string path, string? password, string key)
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
