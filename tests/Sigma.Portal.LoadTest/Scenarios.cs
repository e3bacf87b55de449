using System.Text.Json.Nodes;
using OtpNet;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.LoadTest;

/// <summary>What one visitor does once, and whether it ended where it should.</summary>
internal static class Scenarios
{
    public static Func<VirtualBrowser, Task<Outcome>> Named(string name, Target target, UserPool? users, SsoClient? client = null, Uri? portal = null) => name switch
    {
        "login-page" => browser => LoginPageAsync(browser, target),
        "full-login" => browser => FullLoginAsync(browser, target, Required(users)),
        "wrong-password" => browser => WrongPasswordAsync(browser, target, Required(users)),
        "sso-round-trip" => browser => SsoRoundTripAsync(browser, target, Required(users), Required(client)),
        "refresh" => browser => RefreshAsync(browser, target, Required(users), Required(client)),
        "passkey-login" => browser => PasskeyLoginAsync(browser, target, Required(users), (portal ?? throw new ArgumentException("passkey-login needs --url.")).GetLeftPart(UriPartial.Authority)),
        _ => throw new ArgumentException("--scenario is login-page, full-login, wrong-password, sso-round-trip, refresh or passkey-login."),
    };

    /// <summary>
    /// A person signed in to the portal opens a further application: authorize → code → token, no password hash. The
    /// first operation of each visitor signs in first (password and code), inside the warm-up.
    /// </summary>
    private static async Task<Outcome> SsoRoundTripAsync(VirtualBrowser browser, Target target, UserPool users, SsoClient client)
    {
        if (browser.Kept is null)
        {
            var login = await FullLoginAsync(browser, target, users);
            browser.Kept = login.Success ? "signed-in" : null;
            return login;
        }

        var (refreshToken, status) = await client.SignInAsync(browser);
        return new Outcome(refreshToken is not null, status);
    }

    /// <summary>An application renews its tokens: one refresh token in, a new one out (rotation).</summary>
    private static async Task<Outcome> RefreshAsync(VirtualBrowser browser, Target target, UserPool users, SsoClient client)
    {
        if (browser.Kept is null)
        {
            var login = await FullLoginAsync(browser, target, users);
            var (first, status) = login.Success ? await client.SignInAsync(browser) : (null, login.Status);
            browser.Kept = first;
            return new Outcome(first is not null, status);
        }

        var (next, refreshed) = await client.RefreshAsync(browser, browser.Kept);
        browser.Kept = next;
        return new Outcome(next is not null, refreshed);
    }

    /// <summary>
    /// "Inloggen met passkey": the login page, the options, the device's signature, the answer, ending on the home page;
    /// no password hash. The first operation of each visitor signs in with password and code and adds a passkey under
    /// Settings (inside the warm-up).
    /// </summary>
    private static async Task<Outcome> PasskeyLoginAsync(VirtualBrowser browser, Target target, UserPool users, string origin)
    {
        if (browser.Passkey is null)
        {
            return await AddPasskeyAsync(browser, target, users, origin);
        }

        browser.Forget();
        var login = await browser.GetAsync(target.LoginPath);
        var options = login.Ok ? await browser.PostFormAsync("/Account/Passkey/Options", login, []) : login;
        if (!options.Ok)
        {
            return new Outcome(false, options.Status);
        }

        var json = JsonNode.Parse(options.Html)!;
        var answer = browser.Passkey.Get(json["options"]!.ToJsonString(), new SoftwareAuthenticator.Presented(origin));
        var home = await browser.PostFormAsync("/Account/Passkey", login, [new("Ceremony", json["ceremony"]!.GetValue<string>()), new("Credential", answer)]);
        return new Outcome(home.Ok && home.Path == "/", home.Status);
    }

    private static async Task<Outcome> AddPasskeyAsync(VirtualBrowser browser, Target target, UserPool users, string origin)
    {
        var user = users.Next();
        var signedIn = await FullLoginAsync(browser, target, user);
        var confirm = signedIn.Success ? await browser.GetAsync("/Settings/TwoFactor/Confirm?next=Passkeys") : null;
        if (confirm is not { Ok: true })
        {
            return signedIn with { Success = false };
        }

        // The code of the next time step (within the allowed skew): the one just used at sign-in counts once only.
        var code = new Totp(user.TotpSecret!).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(30));
        var page = await browser.PostFormAsync("/Settings/TwoFactor/Confirm", confirm, [new("Password", user.Password), new("Code", code), new("Next", "Passkeys")]);
        var options = page.Path == "/Settings/Passkeys" ? await browser.PostFormAsync("/Settings/Passkeys/Options", page, []) : page;
        if (!options.Ok || options.Path != "/Settings/Passkeys/Options")
        {
            return new Outcome(false, options.Status);
        }

        var device = new SoftwareAuthenticator();
        var json = JsonNode.Parse(options.Html)!;
        var credential = device.Create(json["options"]!.ToJsonString(), new SoftwareAuthenticator.Presented(origin));
        var added = await browser.PostFormAsync("/Settings/Passkeys", page, [new("Ceremony", json["ceremony"]!.GetValue<string>()), new("Credential", credential), new("Name", "Load test")]);
        var success = added.Ok && added.Html.Contains("passkey-list", StringComparison.Ordinal);
        // Kept only once the portal has it: a refused passkey would fail every sign-in after it; the next operation tries again.
        if (success)
        {
            browser.Passkey = device;
        }
        else
        {
            device.Dispose();
        }

        return new Outcome(success, added.Status);
    }

    private static async Task<Outcome> LoginPageAsync(VirtualBrowser browser, Target target)
    {
        browser.Forget();
        var page = await browser.GetAsync(target.LoginPath);
        return new Outcome(page.Ok, page.Status);
    }

    /// <summary>Password step, then (for the portal) the code of the account's authenticator, ending on the home page.</summary>
    private static Task<Outcome> FullLoginAsync(VirtualBrowser browser, Target target, UserPool users) =>
        FullLoginAsync(browser, target, users.Next());

    private static async Task<Outcome> FullLoginAsync(VirtualBrowser browser, Target target, UserPool.User user)
    {
        browser.Forget();
        var login = await browser.GetAsync(target.LoginPath);
        if (!login.Ok)
        {
            return new Outcome(false, login.Status);
        }

        var next = await browser.PostFormAsync(target.LoginPath, login, Credentials(target, user.Email, user.Password));
        if (target.CodePath is { } codePath && next.Ok && next.Path == codePath && user.TotpSecret is { } secret)
        {
            var code = new Totp(secret).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);
            next = await browser.PostFormAsync(codePath, next, [new("Code", code)]);
        }

        return new Outcome(next.Ok && next.Path == "/", next.Status);
    }

    /// <summary>A real account with a wrong password: the full hash, then the login page again with a message.</summary>
    private static async Task<Outcome> WrongPasswordAsync(VirtualBrowser browser, Target target, UserPool users)
    {
        browser.Forget();
        var login = await browser.GetAsync(target.LoginPath);
        if (!login.Ok)
        {
            return new Outcome(false, login.Status);
        }

        var answer = await browser.PostFormAsync(target.LoginPath, login, Credentials(target, users.Next().Email, "not-the-password-0"));
        return new Outcome(answer.Ok && answer.Path == target.LoginPath, answer.Status);
    }

    private static KeyValuePair<string, string>[] Credentials(Target target, string email, string password) =>
        [new(target.EmailField, email), new(target.PasswordField, password)];

    private static UserPool Required(UserPool? users) => users ?? throw new ArgumentException("This scenario needs --users users.csv.");

    private static SsoClient Required(SsoClient? client) =>
        client ?? throw new ArgumentException("This scenario needs --client-id, --client-secret and --redirect-uri of a registered application.");
}

internal readonly record struct Outcome(bool Success, int Status);
