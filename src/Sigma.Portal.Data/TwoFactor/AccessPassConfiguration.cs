using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Data.TwoFactor;

internal sealed class AccessPassConfiguration : IEntityTypeConfiguration<AccessPass>
{
    public void Configure(EntityTypeBuilder<AccessPass> builder)
    {
        builder.Property(p => p.PassHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(p => new { p.UserId, p.PassHash });
        builder.HasIndex(p => p.ExpiresUtc);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
