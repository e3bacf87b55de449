namespace Sigma.Portal.Accounts;

/// <summary>
/// The account lookups of every sign-in, compiled once: otherwise EF Core rebuilds each query's expression, extracts
/// its parameters and finds it in its cache on every call, a measurable share of a login's work beside the password
/// hash (docs/performance.md). Read without tracking: changes go through ExecuteUpdate.
/// </summary>
internal static class AccountQueries
{
    public static readonly Func<PortalDbContext, Guid, CancellationToken, Task<PortalUser?>> ById =
        EF.CompileAsyncQuery((PortalDbContext db, Guid id, CancellationToken ct) =>
            db.Users.AsNoTracking().FirstOrDefault(u => u.Id == id));

    /// <summary>The accounts of a normalised email address that have a password, in a fixed order.</summary>
    public static readonly Func<PortalDbContext, string, IAsyncEnumerable<PortalUser>> WithPassword =
        EF.CompileAsyncQuery<PortalDbContext, string, PortalUser>((db, normalizedEmail) =>
            db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalizedEmail && u.PasswordHash != null).OrderBy(u => u.AccountType));
}
