using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sigma.Portal.Data.Accounts;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(u => u.AccountType).HasConversion<string>().HasMaxLength(20);
        builder.Property(u => u.Organisation).HasMaxLength(200);
        builder.Property(u => u.PreferredLanguage).HasMaxLength(5).IsRequired();

        // One account per email and type: the same address may hold an Employee and an Employer account.
        builder.HasIndex(u => new { u.NormalizedEmail, u.AccountType }).IsUnique();
        // The admin search matches name, organisation and email with LIKE '%...%', which no index can seek; these two
        // hold all three columns, so the search reads a narrow index (in name order, and per account type) instead of
        // every row: its queries took a third to a half less over 100,000 accounts (docs/performance.md). They also
        // serve sorting by name and filtering by type.
        builder.HasIndex(u => new { u.DisplayName, u.Organisation, u.NormalizedEmail });
        builder.HasIndex(u => new { u.AccountType, u.DisplayName, u.Organisation, u.NormalizedEmail });
        builder.HasIndex(u => u.Organisation);
        builder.HasIndex(u => u.CreatedUtc);
        builder.HasIndex(u => u.LastSignInUtc);
        builder.HasIndex(u => u.ActivatedUtc);
        builder.HasIndex(u => u.DeactivatedUtc);
        builder.HasIndex(u => u.LockoutEnd);
    }
}
