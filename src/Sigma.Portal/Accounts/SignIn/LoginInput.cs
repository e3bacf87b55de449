using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Accounts.SignIn;

public sealed record LoginInput
{
    [Required(ErrorMessage = "Login.EmailRequired")]
    [StringLength(256, ErrorMessage = "Login.EmailRequired")]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Login.PasswordRequired")]
    [StringLength(1024, ErrorMessage = "Password.TooLong")]
    public string Password { get; init; } = "";

    public string? ReturnUrl { get; init; }

    /// <summary>What a log or debugger shows of this input: never the secret it carries.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Email = ").Append(Email).Append(", ");
        builder.Append("ReturnUrl = ").Append(ReturnUrl);
        return true;
    }
}
