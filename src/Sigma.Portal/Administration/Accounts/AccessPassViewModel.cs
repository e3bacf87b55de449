namespace Sigma.Portal.Administration.Accounts;

/// <summary>The access pass, shown once to the administrator who reset two-factor.</summary>
public sealed record AccessPassViewModel(Guid AccountId, string Pass);
