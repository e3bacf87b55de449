using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.TwoFactor;

public sealed record VerifyCodeInput
{
    [Required(ErrorMessage = "Code.Required")]
    [RegularExpression(@"^\s*(\d\s*){6}$", ErrorMessage = "Code.SixDigits")]
    public string Code { get; init; } = "";

    public string? ReturnUrl { get; init; }

    /// <summary>What a log or debugger shows of this input: never the secret it carries.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ReturnUrl = ").Append(ReturnUrl);
        return true;
    }
}
