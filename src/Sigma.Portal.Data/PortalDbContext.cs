using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Data.Email;
using Sigma.Portal.Data.Security;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.Data;

/// <summary>
/// The one database of the portal, shared by SQLite and SQL Server. Each provider keeps its own migrations assembly;
/// the model itself stays provider-neutral (UTC <see cref="DateTime"/>, no provider-specific column types).
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityUserContext<PortalUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<PortalSecret> PortalSecrets => Set<PortalSecret>();

    public DbSet<Authenticator> Authenticators => Set<Authenticator>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
