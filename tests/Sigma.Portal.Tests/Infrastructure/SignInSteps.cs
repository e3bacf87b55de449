using System.Text.Json.Nodes;
using Sigma.Portal.Tests.Builders;
using Presented = Sigma.Portal.Tests.Infrastructure.SoftwareAuthenticator.Presented;

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

    /// <summary>"Inloggen met passkey" on the login page, the device answering as the portal's own page asks.</summary>
    public static async Task<Page> SignInWithPasskeyAsync(this PortalBrowser browser, SoftwareAuthenticator authenticator, CancellationToken ct, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(authenticator);
        var login = await browser.OpenAsync(returnUrl is null ? "/Account/Login" : "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl), ct);
        return await browser.PasskeyStepAsync(login, options => authenticator.Get(options, new Presented(TestPasskeys.PortalOrigin)), ct);
    }

    /// <summary>
    /// What portal.js does with a page's passkey sign-in form (login page or code step): the options, the device's answer
    /// to them, then the form with that answer.
    /// </summary>
    public static async Task<Page> PasskeyStepAsync(this PortalBrowser browser, Page page, Func<string, string> answer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var (ceremony, options) = await browser.PasskeyOptionsAsync(page, "form[data-passkey-sign-in]", ct);
        return await browser.SubmitAsync(page, "form[data-passkey-sign-in]", new Dictionary<string, string>
        {
            ["Ceremony"] = ceremony,
            ["Credential"] = answer(options),
        }, ct);
    }

    /// <summary>portal.js's request for a passkey form's options, with the form's own antiforgery token.</summary>
    public static async Task<(string Ceremony, string Options)> PasskeyOptionsAsync(this PortalBrowser browser, Page page, string formSelector, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(page);
        var form = page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on {page.Url}.");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await browser.Client.PostAsync(new Uri(form.GetAttribute("data-options-url")!, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), ct);
        response.EnsureSuccessStatusCode();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        return (json["ceremony"]!.GetValue<string>(), json["options"]!.ToJsonString());
    }

    public static async Task<Page> SignOutAsync(this PortalBrowser browser, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var home = await browser.OpenAsync("/", ct);
        return await browser.SubmitAsync(home, "form.sign-out", new Dictionary<string, string>(), ct);
    }
}
