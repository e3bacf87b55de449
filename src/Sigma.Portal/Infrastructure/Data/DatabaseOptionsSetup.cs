using Microsoft.Data.Sqlite;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>
/// Fills in the connection string: the configured one, or for SQLite a file in the data folder, so the embedded
/// default needs no configuration at all.
/// </summary>
internal sealed class DatabaseOptionsSetup(IConfiguration configuration, IHostEnvironment environment)
    : IPostConfigureOptions<DatabaseOptions>, IValidateOptions<DatabaseOptions>
{
    private const string DefaultFileName = "sigma-portal.db";

    public void PostConfigure(string? name, DatabaseOptions options)
    {
        options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.Provider == DatabaseProvider.Sqlite
            && !string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            var folder = Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
            options.ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, DefaultFileName) }.ToString();
        }
    }

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Database:Provider must be Sqlite or SqlServer.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:Portal is required when Database:Provider is {options.Provider}.");
        }

        return ValidateOptionsResult.Success;
    }
}
