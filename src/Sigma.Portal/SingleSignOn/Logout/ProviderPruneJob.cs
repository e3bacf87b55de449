using OpenIddict.Abstractions;

namespace Sigma.Portal.SingleSignOn.Logout;

/// <summary>
/// Keeps the provider's tables to what can still matter: every hour, OpenIddict's tokens and authorizations that are
/// expired, redeemed or revoked and older than <see cref="KeepFor"/>, and the sign-ins of sessions that ended as long
/// ago whose logout was delivered, given up or never owed. Safe on several instances: each is a plain delete.
/// </summary>
public sealed class ProviderPruneJob(IServiceScopeFactory scopes, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<ProviderPruneJob> logger)
    : PeriodicJob(time, lifetime)
{
    /// <summary>Longer than the longest refresh token (a week), so a reused one is still recognised and refused as reused.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(14);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        var threshold = Time.GetUtcNow() - KeepFor;
        await using var scope = scopes.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, ct);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, ct);
        var cutoff = threshold.UtcDateTime;
        var signIns = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SessionApplications
            .Where(a => a.EndedUtc != null && a.EndedUtc < cutoff && (a.LogoutUri == null || a.LogoutSentUtc != null || a.LogoutDeadUtc != null))
            .ExecuteDeleteAsync(ct);
        SingleSignOnLog.Pruned(logger, tokens, authorizations, signIns);
    }

    protected override void Failed(Exception exception) => SingleSignOnLog.PruneFailed(logger, exception);
}
