using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Email;
using Sigma.Portal.Email;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// "Forgot password" and "send me a new activation link" on a portal whose background work runs only when told
/// (<see cref="PortalFactory.ManualDispatch"/>): the request as a person sends it, then the background one cycle at a time.
/// </summary>
public static class LinkRequestSteps
{
    /// <summary>Opens the form in a browser of its own and sends the address; the answer is the page every address gets.</summary>
    public static async Task<Page> RequestLinkAsync(this PortalFactory app, string form, string email, CancellationToken ct, PortalBrowser? browser = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        browser ??= app.NewBrowser();
        var page = await browser.OpenAsync(form, ct);
        var answer = await browser.SubmitAsync(page, "form.request-link", new Dictionary<string, string> { ["Email"] = email }, ct);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer;
    }

    /// <summary>
    /// The link request handler's cycles until nothing waits: what the background does once the answers have gone out.
    /// Cycles take one batch each, and requests other tests of the same portal left waiting may fill the first.
    /// </summary>
    public static async Task HandleLinkRequestsAsync(this PortalFactory app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dispatcher = app.Services.GetRequiredService<LinkRequestDispatcher>();
        while (await dispatcher.HandleDueAsync(ct) > 0)
        {
        }
    }

    /// <summary>The outbox's cycles until nothing is due: what was queued is at the SMTP sink when this returns.</summary>
    public static async Task SendDueMailAsync(this PortalFactory app, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchDueAsync(ct) > 0)
        {
        }
    }

    /// <summary>The handler's cycles, then the outbox's.</summary>
    public static async Task HandleLinkRequestsAndSendAsync(this PortalFactory app, CancellationToken ct)
    {
        await app.HandleLinkRequestsAsync(ct);
        await app.SendDueMailAsync(ct);
    }

    public static Task<List<OutboxMessage>> OutboxForAsync(this PortalFactory app, string email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email).ToListAsync(ct));
    }
}
