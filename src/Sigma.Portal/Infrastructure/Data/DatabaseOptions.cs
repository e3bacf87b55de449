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

    /// <summary>How long one command may wait, including for a locked SQLite file, before the request fails with 503.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Database:CommandTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>SQL Server only: how often a command that failed on a transient fault is tried again.</summary>
    [Range(0, 10, ErrorMessage = "Database:SqlServerRetries must be between 0 and 10.")]
    public int SqlServerRetries { get; set; } = 5;

    /// <summary>From <c>ConnectionStrings:Portal</c>; for SQLite it defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }
}
