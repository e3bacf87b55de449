using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Builders;

/// <summary>An administrator signed in with password and code, using the console through its pages.</summary>
public sealed class AdminSession
{
    private AdminSession(TestAccount account, PortalBrowser browser)
    {
        Account = account;
        Browser = browser;
    }

    public TestAccount Account { get; }

    public PortalBrowser Browser { get; }

    public static async Task<AdminSession> StartAsync(PortalFactory app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = await new AccountBuilder(app).AsAdministrator().WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, admin, ct);
        return new AdminSession(admin, browser);
    }

    public Task<Page> AccountPageAsync(Guid id, CancellationToken ct) => Browser.OpenAsync($"/Admin/Accounts/{id}", ct);

    /// <summary>Presses one of the action buttons on the account page (a form with the given class).</summary>
    public async Task<Page> ActAsync(Guid id, string formClass, CancellationToken ct)
    {
        var page = await AccountPageAsync(id, ct);
        return await Browser.SubmitAsync(page, "form." + formClass, new Dictionary<string, string>(), ct);
    }

    /// <summary>Opens a confirmation page (deactivate, reset two-factor) and confirms it with a reason.</summary>
    public async Task<Page> ConfirmAsync(Guid id, string action, string formClass, string reason, CancellationToken ct)
    {
        var confirm = await Browser.OpenAsync($"/Admin/Accounts/{id}/{action}", ct);
        return await Browser.SubmitAsync(confirm, "form." + formClass, new Dictionary<string, string> { ["Reason"] = reason }, ct);
    }
}
