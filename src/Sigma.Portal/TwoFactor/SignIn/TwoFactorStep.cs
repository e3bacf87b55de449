namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>What follows a correct password.</summary>
public enum TwoFactorStep
{
    /// <summary>Enter the code of the authenticator app.</summary>
    Verify,

    /// <summary>Set up an authenticator (the first time).</summary>
    Setup,

    /// <summary>After an administrator's reset: the one-time access pass first, then setup.</summary>
    AccessPass,
}
