using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Accounts.Passwords;

/// <summary>The "choose your password" form of an activation or reset link.</summary>
public sealed record SetPasswordInput
{
    public Guid User { get; init; }

    [StringLength(64)]
    public string? Token { get; init; }

    [Required(ErrorMessage = "Password.Required")]
    [StringLength(4096, ErrorMessage = "Password.TooLong")]
    public string Password { get; init; } = "";

    [Required(ErrorMessage = "Password.ConfirmRequired")]
    [Compare(nameof(Password), ErrorMessage = "Password.Mismatch")]
    public string ConfirmPassword { get; init; } = "";

    /// <summary>What a log or debugger shows of this input: never the secret it carries.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("User = ").Append(User);
        return true;
    }
}
