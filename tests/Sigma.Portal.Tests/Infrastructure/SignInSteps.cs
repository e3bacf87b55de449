namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>The sign-in page as a person uses it: open it, fill in email and password, press Inloggen.</summary>
public static class SignInSteps
{
    public static async Task<Page> SignInAsync(this PortalBrowser browser, string email, string password, CancellationToken ct, string? returnUrl = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var login = await browser.OpenAsync(returnUrl is null ? "/Account/Login" : "/Account/Login?returnUrl=" + Uri.EscapeDataString(returnUrl), ct);
        return await browser.SubmitAsync(login, "form.login-form", new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
        }, ct);
    }

    public static async Task<Page> SignOutAsync(this PortalBrowser browser, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var home = await browser.OpenAsync("/", ct);
        return await browser.SubmitAsync(home, "form.sign-out", new Dictionary<string, string>(), ct);
    }
}
