using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Help;

/// <summary>Section <c>Help</c>.</summary>
public sealed class HelpOptions
{
    public const string Section = "Help";

    /// <summary>The folder with one subfolder per language (nl, en) of Markdown articles; relative to the app.</summary>
    [Required(ErrorMessage = "Help:ContentPath is required.")]
    public string ContentPath { get; set; } = "Help/Content";

    /// <summary>How many comments one account may post in ten minutes.</summary>
    [Range(1, 100, ErrorMessage = "Help:CommentsPerTenMinutes must be between 1 and 100.")]
    public int CommentsPerTenMinutes { get; set; } = 5;
}
