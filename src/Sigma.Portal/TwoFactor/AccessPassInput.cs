using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.TwoFactor;

public sealed record AccessPassInput
{
    [Required(ErrorMessage = "AccessPass.Required")]
    [StringLength(40, ErrorMessage = "AccessPass.Invalid")]
    public string AccessPass { get; init; } = "";

    public string? ReturnUrl { get; init; }
}
