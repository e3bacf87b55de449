using Sigma.Portal.Accounts.SignIn;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>"Inloggen met passkey" on the login page, wherever the portal is a relying party (it has a public address).</summary>
public sealed class PasskeyLoginOffer(PasskeyRelyingParty relyingParty, LinkGenerator links) : ISignInWithoutPassword
{
    public SignInWithoutPasswordForm? Form(HttpContext http) =>
        relyingParty.IsConfigured
            ? new SignInWithoutPasswordForm(Path(http, nameof(PasskeySignInController.SignIn)), Path(http, nameof(PasskeySignInController.Options)))
            : null;

    private string Path(HttpContext http, string action) =>
        links.GetPathByAction(http, action, "PasskeySignIn") ?? throw new InvalidOperationException($"No route to passkey sign-in {action}.");
}
