using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Administration.Accounts;

public sealed record NewAccountInput
{
    [Required(ErrorMessage = "Admin.NameRequired")]
    [StringLength(200, ErrorMessage = "Account.InvalidName")]
    public string DisplayName { get; init; } = "";

    [Required(ErrorMessage = "Admin.EmailRequired")]
    [StringLength(256, ErrorMessage = "Account.InvalidEmail")]
    public string Email { get; init; } = "";

    public AccountType AccountType { get; init; } = AccountType.Employee;

    [StringLength(200, ErrorMessage = "Account.OrganisationRequired")]
    public string? Organisation { get; init; }

    [RegularExpression("^(nl|en)$", ErrorMessage = "Account.InvalidLanguage")]
    public string Language { get; init; } = "nl";
}
