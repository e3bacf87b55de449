using OtpNet;

namespace Sigma.Portal.LoadTest;

/// <summary>What one visitor does once, and whether it ended where it should.</summary>
internal static class Scenarios
{
    public static Func<VirtualBrowser, Task<Outcome>> Named(string name, Target target, UserPool? users, SsoClient? client = null) => name switch
    {
        "login-page" => browser => LoginPageAsync(browser, target),
        "full-login" => browser => FullLoginAsync(browser, target, Required(users)),
        "wrong-password" => browser => WrongPasswordAsync(browser, target, Required(users)),
        "sso-round-trip" => browser => SsoRoundTripAsync(browser, target, Required(users), Required(client)),
        "refresh" => browser => RefreshAsync(browser, target, Required(users), Required(client)),
        _ => throw new ArgumentException("--scenario is login-page, full-login, wrong-password, sso-round-trip or refresh."),
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

    private static async Task<Outcome> LoginPageAsync(VirtualBrowser browser, Target target)
    {
        browser.Forget();
        var page = await browser.GetAsync(target.LoginPath);
        return new Outcome(page.Ok, page.Status);
    }

    /// <summary>Password step, then (for the portal) the code of the account's authenticator, ending on the home page.</summary>
    private static async Task<Outcome> FullLoginAsync(VirtualBrowser browser, Target target, UserPool users)
    {
        var user = users.Next();
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
