using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Accounts.Links;

/// <summary>The one field of "forgot password" and "send a new activation link".</summary>
public sealed record EmailAddressInput
{
    [Required(ErrorMessage = "Login.EmailRequired")]
    [StringLength(256, ErrorMessage = "Login.EmailRequired")]
    public string Email { get; init; } = "";
}
