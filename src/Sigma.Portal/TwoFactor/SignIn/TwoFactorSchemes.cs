namespace Sigma.Portal.TwoFactor.SignIn;

public static class TwoFactorSchemes
{
    /// <summary>
    /// The short-lived cookie between the password and the code. It names the account and its security stamp and
    /// grants nothing but the two-factor pages: it is not the application's sign-in scheme, so every other page treats
    /// its holder as anonymous.
    /// </summary>
    public const string PasswordVerified = "Sigma.PasswordVerified";
}
