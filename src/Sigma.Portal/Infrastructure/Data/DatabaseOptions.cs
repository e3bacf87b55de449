using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>Section <c>Database</c>, plus the connection string <c>ConnectionStrings:Portal</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string ConnectionStringName = "Portal";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Where the embedded SQLite database lives when no connection string is given; relative to the app.</summary>
    [Required(ErrorMessage = "Database:DataDirectory is required.")]
    public string DataDirectory { get; set; } = "App_Data";

    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>From <c>ConnectionStrings:Portal</c>; for SQLite it defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }
}
