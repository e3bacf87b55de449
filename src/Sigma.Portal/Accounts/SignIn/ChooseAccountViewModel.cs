namespace Sigma.Portal.Accounts.SignIn;

public sealed record ChooseAccountViewModel
{
    public required IReadOnlyList<AccountType> AccountTypes { get; init; }

    public string? ReturnUrl { get; init; }
}
