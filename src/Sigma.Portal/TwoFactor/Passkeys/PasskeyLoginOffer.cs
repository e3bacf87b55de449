using System.Collections.Concurrent;
using Sigma.Portal.Accounts.SignIn;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>"Inloggen met passkey" on the login page, wherever the portal is a relying party (it has a public address).</summary>
public sealed class PasskeyLoginOffer(PasskeyRelyingParty relyingParty, LinkGenerator links) : ISignInWithoutPassword
{
    // The two paths depend on nothing but the path base: worked out once, not on every login page.
    private readonly ConcurrentDictionary<PathString, SignInWithoutPasswordForm> _forms = new();

    public SignInWithoutPasswordForm? Form(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return relyingParty.IsConfigured ? _forms.GetOrAdd(http.Request.PathBase, FormAt) : null;
    }

    private SignInWithoutPasswordForm FormAt(PathString pathBase) =>
        new(Path(pathBase, nameof(PasskeySignInController.SignIn)), Path(pathBase, nameof(PasskeySignInController.Options)));

    private string Path(PathString pathBase, string action) =>
        links.GetPathByAction(action, "PasskeySignIn", values: null, pathBase: pathBase)
        ?? throw new InvalidOperationException($"No route to passkey sign-in {action}.");
}
