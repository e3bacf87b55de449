using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sigma.Portal.Data.Email;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Kind).HasMaxLength(50).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(1000);
        // The dispatcher's query: unsent, not dead, due.
        builder.HasIndex(m => new { m.SentUtc, m.DeadUtc, m.NextAttemptUtc });
        builder.HasIndex(m => m.ClaimToken);
        builder.HasIndex(m => m.CreatedUtc);
    }
}
