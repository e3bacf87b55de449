using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sigma.Portal.Data.Accounts;

internal sealed class PendingLinkRequestConfiguration : IEntityTypeConfiguration<PendingLinkRequest>
{
    public void Configure(EntityTypeBuilder<PendingLinkRequest> builder)
    {
        builder.ToTable("PendingLinkRequests");
        builder.Property(r => r.Purpose).HasConversion<string>().HasMaxLength(20);
        // Room for 256 characters of three UTF-8 bytes each, encrypted and in Base64.
        builder.Property(r => r.ProtectedEmail).HasMaxLength(2000).IsRequired();
        builder.Property(r => r.IpAddress).HasMaxLength(45);
        builder.Property(r => r.UserAgent).HasMaxLength(300);
        // The handler takes the oldest first.
        builder.HasIndex(r => r.CreatedUtc);
    }
}
