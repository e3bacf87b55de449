namespace Sigma.Portal.Accounts;

/// <summary>Texts of the accounts feature: pages, validation messages and emails (AccountsText.nl.resx, .en.resx).</summary>
public sealed class AccountsText;
