using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Data.SingleSignOn;

internal sealed class SessionApplicationConfiguration : IEntityTypeConfiguration<SessionApplication>
{
    public void Configure(EntityTypeBuilder<SessionApplication> builder)
    {
        builder.ToTable("SessionApplications");
        builder.Property(s => s.ClientId).HasMaxLength(100).IsRequired();
        builder.Property(s => s.AuthorizationId).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Sid).HasMaxLength(64).IsRequired();
        builder.Property(s => s.LogoutUri).HasMaxLength(2000);
        builder.Property(s => s.LogoutError).HasMaxLength(500);
        // The end job looks for rows of ended sessions still to handle, and for logouts due.
        builder.HasIndex(s => new { s.EndedUtc, s.SessionId });
        builder.HasIndex(s => new { s.LogoutSentUtc, s.LogoutNextAttemptUtc });
        builder.HasIndex(s => s.SessionId);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
