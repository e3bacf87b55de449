using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.TwoFactor;

public sealed record VerifyCodeInput
{
    [Required(ErrorMessage = "Code.Required")]
    [RegularExpression(@"^\s*(\d\s*){6}$", ErrorMessage = "Code.SixDigits")]
    public string Code { get; init; } = "";

    public string? ReturnUrl { get; init; }
}
