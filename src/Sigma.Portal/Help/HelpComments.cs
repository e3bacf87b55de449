using System.Data;
using Sigma.Portal.Audit;
using Sigma.Portal.Data.Help;

namespace Sigma.Portal.Help;

/// <summary>
/// Comments under articles: plain text from signed-in people (shown encoded, never as HTML), a limit per account per
/// ten minutes, authors delete their own, administrators hide any (recorded in the audit trail).
/// </summary>
public sealed class HelpComments(PortalDbContext db, AuditTrail audit, IOptions<HelpOptions> options, TimeProvider time, ILogger<HelpComments> logger)
{
    public const int MaxLength = 2000;

    public enum Outcome
    {
        Posted,
        Empty,
        TooLong,
        TooMany,
    }

    public Task<List<CommentView>> ForArticleAsync(string slug, Guid? viewer, CancellationToken ct) =>
        (from comment in db.HelpComments.AsNoTracking()
         where comment.ArticleSlug == slug && comment.DeletedUtc == null && comment.HiddenUtc == null
         join user in db.Users on comment.UserId equals user.Id
         orderby comment.Id
         select new CommentView(comment.Id, user.DisplayName, comment.Body, comment.CreatedUtc, comment.UserId == viewer))
        .ToListAsync(ct);

    public async Task<Outcome> PostAsync(string slug, Guid userId, string? body, CancellationToken ct)
    {
        var text = (body ?? "").Trim();
        if (text.Length == 0)
        {
            return Outcome.Empty;
        }

        if (text.Length > MaxLength)
        {
            return Outcome.TooLong;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var since = now - TimeSpan.FromMinutes(10);
        // Counted and added as one step, so comments posted at once cannot each find room for one more.
        return await db.InTransactionAsync(
            async transactionCt =>
            {
                if (await db.HelpComments.CountAsync(c => c.UserId == userId && c.CreatedUtc > since, transactionCt) >= options.Value.CommentsPerTenMinutes)
                {
                    return Outcome.TooMany;
                }

                db.HelpComments.Add(new HelpComment { ArticleSlug = slug, UserId = userId, Body = text, CreatedUtc = now });
                await db.SaveChangesAsync(transactionCt);
                return Outcome.Posted;
            },
            IsolationLevel.Serializable,
            ct);
    }

    /// <returns>The article of the deleted comment, or null when it is not the person's own.</returns>
    public async Task<string?> DeleteOwnAsync(long commentId, Guid userId, CancellationToken ct)
    {
        var slug = await db.HelpComments.Where(c => c.Id == commentId && c.UserId == userId).Select(c => c.ArticleSlug).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.HelpComments.Where(c => c.Id == commentId && c.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedUtc, now), ct);
        return slug;
    }

    /// <returns>The article of the hidden comment, or null when there is no such comment.</returns>
    public async Task<string?> HideAsync(long commentId, Guid administratorId, CancellationToken ct)
    {
        var comment = await db.HelpComments.FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null)
        {
            return null;
        }

        comment.HiddenUtc = time.GetUtcNow().UtcDateTime;
        audit.Record(AuditEventType.CommentHidden, comment.UserId, $"{comment.ArticleSlug}: {comment.Body}", administratorId);
        await db.SaveChangesAsync(ct);
        HelpLog.CommentHidden(logger, commentId, administratorId);
        return comment.ArticleSlug;
    }
}
