namespace Sigma.Portal.TwoFactor;

/// <summary>What follows a correct password.</summary>
public enum TwoFactorStep
{
    /// <summary>Enter the code of the authenticator app.</summary>
    Verify,

    /// <summary>Set up an authenticator (the first time).</summary>
    Setup,
}
