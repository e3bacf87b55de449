using Sigma.Portal.Tests.Builders;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>Signing in as a person does: the login page and Inloggen, then the code from the authenticator app.</summary>
public static class SignInSteps
{
    /// <summary>The password step only: returns the page it leads to (code entry, setup, chooser, or the login again).</summary>
    public static async Task<Page> PasswordStepAsync(this PortalBrowser browser, string email, string password, CancellationToken ct, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var login = await browser.OpenAsync(returnUrl is null ? "/Account/Login" : "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl), ct);
        return await browser.SubmitAsync(login, "form.login-form", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
        }, ct);
    }

    /// <summary>Password and a fresh code (the clock moves on a step, as a person would wait for the next code).</summary>
    public static async Task<Page> SignInAsync(this PortalBrowser browser, PortalFactory app, TestAccount account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(account);
        var codePage = await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        return await browser.EnterCodeAsync(app, codePage, account.AuthenticatorKey!, ct);
    }

    public static async Task<Page> EnterCodeAsync(this PortalBrowser browser, PortalFactory app, Page codePage, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(app);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        return await browser.SubmitAsync(codePage, "form.code-form", new Dictionary<string, string>
        {
            ["Code"] = TestTotp.CodeAt(key, app.Clock.GetUtcNow()),
        }, ct);
    }

    /// <summary>On the setup screen: reads the key shown for manual entry and validates a code of it.</summary>
    public static async Task<(Page RecoveryCodes, string Key)> CompleteSetupAsync(this PortalBrowser browser, PortalFactory app, Page setup, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var key = setup.Text("#manual-key");
        return (await browser.EnterCodeAsync(app, setup, key, ct), key);
    }

    public static async Task<Page> SignOutAsync(this PortalBrowser browser, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var home = await browser.OpenAsync("/", ct);
        return await browser.SubmitAsync(home, "form.sign-out", new Dictionary<string, string>(), ct);
    }
}
