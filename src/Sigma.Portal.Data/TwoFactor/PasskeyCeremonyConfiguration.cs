using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Data.TwoFactor;

internal sealed class PasskeyCeremonyConfiguration : IEntityTypeConfiguration<PasskeyCeremony>
{
    public void Configure(EntityTypeBuilder<PasskeyCeremony> builder)
    {
        builder.Property(c => c.Purpose).HasMaxLength(16).IsRequired();
        builder.Property(c => c.State).HasMaxLength(8000).IsRequired();
        builder.HasIndex(c => c.ExpiresUtc);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
