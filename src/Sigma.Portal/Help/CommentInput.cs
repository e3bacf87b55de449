namespace Sigma.Portal.Help;

public sealed record CommentInput
{
    /// <summary>Checked by <see cref="HelpComments"/>, so an empty or long comment shows the article again with a message.</summary>
    public string? Body { get; init; }
}
