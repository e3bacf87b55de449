namespace Sigma.Portal.Accounts.SignIn;

public sealed record ChooseAccountInput
{
    public AccountType AccountType { get; init; }

    public string? ReturnUrl { get; init; }
}
