namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// Another way in offered on the login page, without password or code (a passkey). Like <see cref="IAfterPassword"/>,
/// the feature above accounts supplies it, so the login page never names its pages.
/// </summary>
public interface ISignInWithoutPassword
{
    /// <returns>Where the login page's second form asks for its options and posts its answer; null when not offered.</returns>
    SignInWithoutPasswordForm? Form(HttpContext http);
}

/// <param name="Action">Where the form posts the device's answer.</param>
/// <param name="OptionsUrl">Where portal.js asks for the options first.</param>
public sealed record SignInWithoutPasswordForm(string Action, string OptionsUrl);
