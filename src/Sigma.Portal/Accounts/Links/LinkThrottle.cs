namespace Sigma.Portal.Accounts.Links;

/// <summary>
/// How many links one account may get from "forgot password" and "send me a new activation link":
/// <see cref="AccountsOptions.RequestedLinksPerHour"/> in any hour, and not within
/// <see cref="AccountsOptions.RequestedLinkInterval"/> of the last. Counted from the links themselves (the tokens issued on
/// request), so it holds across instances and restarts. Links an administrator sends are not limited and do not count.
/// </summary>
public sealed class LinkThrottle(PortalDbContext db, IOptions<AccountsOptions> options, TimeProvider time)
{
    public async Task<bool> AllowsAnotherAsync(Guid userId, CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var recent = await db.AccountTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.IssuedOnRequest && t.CreatedUtc > hourAgo)
            .Select(t => t.CreatedUtc)
            .ToListAsync(ct);
        return recent.Count < settings.RequestedLinksPerHour && !recent.Any(issued => issued > now - settings.RequestedLinkInterval);
    }
}
