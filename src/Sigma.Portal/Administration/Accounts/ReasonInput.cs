using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Administration.Accounts;

/// <summary>The reason an administrator gives for a drastic step, kept in the audit trail.</summary>
public sealed record ReasonInput
{
    [Required(ErrorMessage = "Admin.ReasonRequired")]
    [StringLength(500, MinimumLength = 3, ErrorMessage = "Admin.ReasonRequired")]
    public string Reason { get; init; } = "";
}
