namespace Sigma.Portal.Help;

/// <summary>Log messages of the help centre; event ids 5000-5999.</summary>
internal static partial class HelpLog
{
    [LoggerMessage(5001, LogLevel.Warning, "Help article {File} skipped: no front matter with a title, or an invalid file name")]
    public static partial void ArticleSkipped(ILogger logger, string file);

    [LoggerMessage(5002, LogLevel.Information, "Comment {CommentId} hidden by administrator {AdministratorId}")]
    public static partial void CommentHidden(ILogger logger, long commentId, Guid administratorId);
}
