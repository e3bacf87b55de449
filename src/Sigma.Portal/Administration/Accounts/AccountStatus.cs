namespace Sigma.Portal.Administration.Accounts;

/// <summary>An account's state as administrators see it, derived from its dates.</summary>
public enum AccountStatus
{
    Invited,
    Active,
    Locked,
    Deactivated,
}
