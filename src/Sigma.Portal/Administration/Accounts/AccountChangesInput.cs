using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Administration.Accounts;

public sealed record AccountChangesInput
{
    public AccountType AccountType { get; init; }

    [StringLength(200, ErrorMessage = "Account.OrganisationRequired")]
    public string? Organisation { get; init; }

    [RegularExpression("^(nl|en)$", ErrorMessage = "Account.InvalidLanguage")]
    public string Language { get; init; } = "nl";
}
