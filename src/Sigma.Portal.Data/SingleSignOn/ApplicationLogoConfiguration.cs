using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sigma.Portal.Data.SingleSignOn;

internal sealed class ApplicationLogoConfiguration : IEntityTypeConfiguration<ApplicationLogo>
{
    public void Configure(EntityTypeBuilder<ApplicationLogo> builder)
    {
        builder.ToTable("ApplicationLogos");
        builder.HasKey(l => l.ClientId);
        builder.Property(l => l.ClientId).HasMaxLength(100);
        builder.Property(l => l.ContentType).HasMaxLength(32).IsRequired();
        builder.Property(l => l.Content).IsRequired();
    }
}
