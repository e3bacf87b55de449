using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Data.Help;

internal sealed class HelpCommentConfiguration : IEntityTypeConfiguration<HelpComment>
{
    public const int MaxBodyLength = 2000;

    public void Configure(EntityTypeBuilder<HelpComment> builder)
    {
        builder.ToTable("HelpComments");
        builder.Property(c => c.ArticleSlug).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Body).HasMaxLength(MaxBodyLength).IsRequired();
        builder.HasIndex(c => new { c.ArticleSlug, c.CreatedUtc });
        builder.HasIndex(c => new { c.UserId, c.CreatedUtc });
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
