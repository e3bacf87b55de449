using Microsoft.AspNetCore.DataProtection;
using Sigma.Portal.Audit;

namespace Sigma.Portal.Accounts.Links;

/// <summary>
/// Handles recorded link requests after they were answered, oldest first, each in a unit of work of its own:
/// <see cref="LinkRequests"/> issues the links and queues the emails, and the request is deleted in the same save. When
/// several instances run, the one whose DELETE finds the row saves; the other's save fails as a whole and is dropped, so
/// each request is handled once.
/// </summary>
public sealed class LinkRequestDispatcher(IServiceScopeFactory scopes, IDataProtectionProvider protection, ILogger<LinkRequestDispatcher> logger)
{
    private const int BatchSize = 50;

    /// <summary>Handles what is waiting now, up to one batch; returns how many requests this cycle found.</summary>
    public async Task<int> HandleDueAsync(CancellationToken ct)
    {
        List<PendingLinkRequest> waiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            waiting = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().PendingLinkRequests.AsNoTracking()
                .OrderBy(r => r.CreatedUtc)
                .Take(BatchSize)
                .ToListAsync(ct);
        }

        foreach (var request in waiting)
        {
            await HandleAsync(request, ct);
        }

        return waiting.Count;
    }

    private async Task HandleAsync(PendingLinkRequest request, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        try
        {
            var email = protection.CreateProtector(LinkRequestRecorder.EmailProtectionPurpose).Unprotect(request.ProtectedEmail);
            var links = scope.ServiceProvider.GetRequiredService<LinkRequests>();
            await links.HandleAsync(request.Purpose, email, new RequestOrigin(request.CreatedUtc, request.IpAddress, request.UserAgent), ct);
            // Taken in the same save as its links and emails: all of it commits, or none. The work before only read, so
            // the write (on SQLite, the lock on the whole file) lasts no longer than the save.
            db.PendingLinkRequests.Remove(request);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance took it first (its DELETE found the row, ours none): nothing of this attempt was saved.
        }
        catch (Exception e) when (!DatabaseFaults.IsUnavailable(e) && !ct.IsCancellationRequested)
        {
            // Not an outage, so it would fail the same way at every cycle: dropped, so it cannot hold up the queue. The
            // person gets no email and can ask again.
            AccountsLog.LinkRequestDropped(logger, request.Id, e);
            await db.PendingLinkRequests.Where(r => r.Id == request.Id).ExecuteDeleteAsync(CancellationToken.None);
        }
    }
}
