using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.TwoFactor.SignIn;

public sealed record AccessPassInput
{
    [Required(ErrorMessage = "AccessPass.Required")]
    [StringLength(40, ErrorMessage = "AccessPass.Invalid")]
    public string AccessPass { get; init; } = "";

    public string? ReturnUrl { get; init; }

    /// <summary>What a log or debugger shows of this input: never the secret it carries.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ReturnUrl = ").Append(ReturnUrl);
        return true;
    }
}
