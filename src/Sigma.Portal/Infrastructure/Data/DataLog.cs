namespace Sigma.Portal.Infrastructure.Data;

/// <summary>Log messages of the database infrastructure; event ids 9100-9199.</summary>
internal static partial class DataLog
{
    [LoggerMessage(9101, LogLevel.Information, "Applying database migrations ({Provider})")]
    public static partial void Migrating(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(9102, LogLevel.Information, "Database is up to date ({Provider})")]
    public static partial void Migrated(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(9103, LogLevel.Information, "Database:MigrateOnStartup is false; migrations are left to the operator")]
    public static partial void MigrationSkipped(ILogger logger);

    [LoggerMessage(9105, LogLevel.Information, "Data Protection keys are kept in the database, encrypted with the certificate {Path} made for this computer; in production, name your own with DataProtection:CertificatePath (docs/operations.md)")]
    public static partial void KeyRingOnThisComputer(ILogger logger, string path);

    [LoggerMessage(9104, LogLevel.Warning, "A row of DataProtectionKeys holds no readable key XML and was skipped")]
    public static partial void KeyRowSkipped(ILogger logger);
}
