using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sigma.Portal.Data.Audit;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.Property(e => e.EventType).HasMaxLength(50).IsRequired();
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.Property(e => e.IpAddress).HasMaxLength(45);
        builder.Property(e => e.UserAgent).HasMaxLength(300);
        builder.HasIndex(e => e.OccurredUtc);
        builder.HasIndex(e => new { e.UserId, e.OccurredUtc });
        builder.HasIndex(e => new { e.ActorId, e.OccurredUtc });
        builder.HasIndex(e => new { e.EventType, e.OccurredUtc });
    }
}
