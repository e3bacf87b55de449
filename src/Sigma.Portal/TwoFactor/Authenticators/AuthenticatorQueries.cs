using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>
/// The authenticator lookups of every sign-in, compiled once: otherwise EF Core rebuilds each query's expression,
/// extracts its parameters and finds it in its cache on every call, a measurable share of a login's work beside the
/// password hash (docs/performance.md).
/// </summary>
internal static class AuthenticatorQueries
{
    public static readonly Func<PortalDbContext, Guid, CancellationToken, Task<bool>> HasActive =
        EF.CompileAsyncQuery((PortalDbContext db, Guid userId, CancellationToken ct) =>
            db.Authenticators.Any(a => a.UserId == userId && a.Status == AuthenticatorStatus.Active));

    public static readonly Func<PortalDbContext, Guid, CancellationToken, Task<Authenticator?>> Active =
        EF.CompileAsyncQuery((PortalDbContext db, Guid userId, CancellationToken ct) =>
            db.Authenticators.AsNoTracking().FirstOrDefault(a => a.UserId == userId && a.Status == AuthenticatorStatus.Active));
}
