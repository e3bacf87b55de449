using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Sigma.Portal.Data.Accounts;

/// <summary>
/// The version of Identity's tables the portal uses: 3, which adds the passkeys table. Identity reads it from the
/// application's <see cref="IdentityOptions"/> when it builds the model; a context made without the application (the EF
/// tools, the migrator's checks, tests) is given the same through <see cref="StandaloneServices"/>.
/// </summary>
public static class IdentitySchema
{
    public static Version Version => IdentitySchemaVersions.Version3;

    /// <summary>
    /// Version 3 with the key lengths the tables were created with (SQL Server's 450): version 3's default of 128 would
    /// shrink the primary-key columns of the logins and tokens tables, which SQL Server cannot alter in place.
    /// </summary>
    public static void Apply(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Stores.SchemaVersion = Version;
        options.Stores.MaxLengthForKeys = 450;
    }

    public static IServiceProvider StandaloneServices { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(Apply)
        .BuildServiceProvider();
}
