using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Localisation;

public sealed record LanguageInput
{
    [Required]
    [RegularExpression("^(nl|en)$")]
    public string Language { get; init; } = "";

    public string? ReturnUrl { get; init; }
}
