using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Data.Administration;
using Sigma.Portal.Data.Audit;
using Sigma.Portal.Data.Email;
using Sigma.Portal.Data.Help;
using Sigma.Portal.Data.Security;
using Sigma.Portal.Data.Sessions;
using Sigma.Portal.Data.SingleSignOn;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.Data;

/// <summary>
/// The one database of the portal, shared by SQLite and SQL Server. Each provider keeps its own migrations assembly;
/// the model itself stays provider-neutral (UTC <see cref="DateTime"/>, no provider-specific column types).
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityUserContext<PortalUser, Guid>(options)
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    public DbSet<PendingLinkRequest> PendingLinkRequests => Set<PendingLinkRequest>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<PortalSecret> PortalSecrets => Set<PortalSecret>();

    public DbSet<Authenticator> Authenticators => Set<Authenticator>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<AccessPass> AccessPasses => Set<AccessPass>();

    public DbSet<PasskeyCeremony> PasskeyCeremonies => Set<PasskeyCeremony>();

    public DbSet<PendingImport> PendingImports => Set<PendingImport>();

    public DbSet<PortalInstance> PortalInstances => Set<PortalInstance>();

    public DbSet<HelpComment> HelpComments => Set<HelpComment>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<SessionApplication> SessionApplications => Set<SessionApplication>();

    public DbSet<ApplicationLogo> ApplicationLogos => Set<ApplicationLogo>();

    /// <summary>The passkeys table's own column (a shadow property): when a passkey last signed its person in.</summary>
    public const string LastUsedColumn = "LastUsedUtc";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity's passkeys table (its schema version 3), configured here rather than by IdentityOptions.Stores.
        // SchemaVersion: Identity reads that from whatever service provider a context was made with, so a context made
        // without the application's would build another model, and EF Core keeps the first model it built. So the
        // application leaves that option at its default (ModelStabilityTests).
        builder.Entity<IdentityUserPasskey<Guid>>(passkey =>
        {
            passkey.ToTable("AspNetUserPasskeys");
            passkey.HasKey(p => p.CredentialId);
            // WebAuthn: a credential id is at most 1023 bytes.
            passkey.Property(p => p.CredentialId).HasMaxLength(1024);
            passkey.OwnsOne(p => p.Data).ToJson();
            passkey.HasOne<PortalUser>().WithMany().HasForeignKey(p => p.UserId).IsRequired();
            // Identity keeps no such time; the portal sets it at each sign-in with the passkey, for the person's list.
            passkey.Property<DateTime?>(LastUsedColumn);
        });
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);

        // OpenIddict's own applications, authorizations, scopes and tokens, keyed like the accounts.
        builder.UseOpenIddict<Guid>();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        if (Database.ProviderName == SqliteProvider)
        {
            // SQLite has no date type: as text, DateTimeOffset (Identity's LockoutEnd) could not be compared in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
