using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sigma.Portal.Data.Administration;

internal sealed class PortalInstanceConfiguration : IEntityTypeConfiguration<PortalInstance>
{
    public void Configure(EntityTypeBuilder<PortalInstance> builder)
    {
        builder.ToTable("PortalInstances");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.MachineName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Version).HasMaxLength(200).IsRequired();
        builder.HasIndex(i => i.LastSeenUtc);
    }
}
