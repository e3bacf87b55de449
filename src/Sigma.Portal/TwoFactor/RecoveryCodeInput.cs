using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.TwoFactor;

public sealed record RecoveryCodeInput
{
    [Required(ErrorMessage = "Recovery.Required")]
    [StringLength(40, ErrorMessage = "Recovery.Invalid")]
    public string RecoveryCode { get; init; } = "";

    public string? ReturnUrl { get; init; }
}
