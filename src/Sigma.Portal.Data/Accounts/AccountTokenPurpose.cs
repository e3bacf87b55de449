namespace Sigma.Portal.Data.Accounts;

/// <summary>What a one-time account link is for. A token only ever works for the purpose it was issued for.</summary>
public enum AccountTokenPurpose
{
    Activation = 1,
    PasswordReset = 2,
}
