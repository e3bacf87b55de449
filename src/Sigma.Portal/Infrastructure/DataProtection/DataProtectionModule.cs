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

        // Read once at registration: the key ring's encryptor must be known before the first key is written. Where no
        // certificate is configured, KeyRingOptionsValidator stops a Production start before any key is written.
        var settings = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        builder.Services.AddOptionsWithValidateOnStart<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        if (CertificatePath(builder, settings) is not { } path)
        {
            return builder;
        }

        if (settings.CreateCertificate || string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            KeyRingCertificate.CreateIfMissing(path, TimeProvider.System);
        }

        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            builder.Services.AddHostedService(sp => new KeyRingNotice(path, sp.GetRequiredService<ILogger<KeyRingNotice>>()));
        }

        dataProtection.ProtectKeysWithCertificate(CertificateFiles.LoadWithPrivateKey(path, settings.CertificatePassword, "DataProtection:CertificatePath"));
        var previous = settings.PreviousCertificatePaths
            .Select(previousPath => CertificateFiles.LoadWithPrivateKey(previousPath, settings.CertificatePassword, "DataProtection:PreviousCertificatePaths"))
            .ToArray();
        if (previous.Length > 0)
        {
            dataProtection.UnprotectKeysWithAnyCertificate(previous);
        }

        return builder;
    }

    /// <summary>The configured certificate; outside Production and the test suite, one beside the SQLite database by default.</summary>
    private static string? CertificatePath(WebApplicationBuilder builder, KeyRingOptions settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return settings.CertificatePath;
        }

        if (builder.Environment.IsProductionLike())
        {
            return null;
        }

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        return Path.Combine(Path.GetFullPath(database.DataDirectory, builder.Environment.ContentRootPath), KeyRingOptions.DefaultCertificateFile);
    }
}
