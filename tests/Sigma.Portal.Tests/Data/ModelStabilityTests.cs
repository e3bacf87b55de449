using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Migrations.Sqlite;

namespace Sigma.Portal.Tests.Data;

/// <summary>
/// The model does not depend on the service provider a context is made with. EF Core keeps the first model it builds
/// for every later context of the process, so a model that followed, say, Identity's schema option would let one
/// context made without the application (a tool, a test) decide the tables of all others.
/// </summary>
public sealed class ModelStabilityTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "Sqlite", "none" }, { "Sqlite", "empty" }, { "Sqlite", "identity defaults" },
        { "SqlServer", "none" }, { "SqlServer", "empty" }, { "SqlServer", "identity defaults" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Model_HoweverTheContextWasMade_IsTheMigrationsModel(string database, string provider)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        if (database == "SqlServer")
        {
            // Never opened: the model check needs no server.
            Sigma.Portal.Migrations.SqlServer.SqlServerMigrations.Use(options, "Server=localhost;Database=model-check", retries: 0);
        }
        else
        {
            options.UseSqlite("Data Source=:memory:", sqlite => sqlite.MigrationsAssembly(SqliteMigrations.AssemblyName));
        }

        // A fresh model for each case: nothing cached from another test decides it.
        options.EnableServiceProviderCaching(false);
        var services = provider switch
        {
            "none" => null,
            "empty" => new ServiceCollection().BuildServiceProvider(),
            _ => new ServiceCollection().AddOptions().Configure<IdentityOptions>(_ => { }).BuildServiceProvider(),
        };
        if (services is not null)
        {
            options.UseApplicationServiceProvider(services);
        }

        using var db = new PortalDbContext(options.Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotNull(db.Model.FindEntityType(typeof(IdentityUserPasskey<Guid>)));
    }
}
