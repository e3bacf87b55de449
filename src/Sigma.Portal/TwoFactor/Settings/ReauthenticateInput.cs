using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.TwoFactor.Settings;

/// <summary>Password plus a current code or a recovery code, before a two-factor change.</summary>
public sealed record ReauthenticateInput
{
    [Required(ErrorMessage = "Confirm.PasswordRequired")]
    [StringLength(1024)]
    public string Password { get; init; } = "";

    [Required(ErrorMessage = "Confirm.CodeRequired")]
    [StringLength(40, ErrorMessage = "Confirm.CodeRequired")]
    public string Code { get; init; } = "";

    /// <summary>What to change afterwards: "NewPhone", "RecoveryCodes" or "Passkeys".</summary>
    public string Next { get; init; } = "";

    /// <summary>What a log or debugger shows of this input: never the secret it carries.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Next = ").Append(Next);
        return true;
    }
}
