using OpenIddict.Abstractions;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// Keeps <see cref="FormTargets"/> to the sites of the enabled applications' redirect URIs: read at start, after every
/// change made on this instance, and every minute for changes made on another.
/// </summary>
public sealed class ApplicationOrigins(
    IServiceScopeFactory scopes,
    FormTargets targets,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ApplicationOrigins> logger) : PeriodicJob(time, lifetime)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The database may be away at start: the portal still starts, and the next run reads them.
            Failed(e);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var addresses = new List<Uri>();
        await foreach (var application in applications.ListAsync(count: 200, offset: null, ct))
        {
            if (!(await PortalApplication.ReadAsync(applications, application, ct)).Disabled)
            {
                addresses.AddRange((await applications.GetRedirectUrisAsync(application, ct))
                    .Select(uri => Uri.TryCreate(uri, UriKind.Absolute, out var address) ? address : null)
                    .OfType<Uri>());
            }
        }

        targets.Replace(addresses);
    }

    protected override void Failed(Exception exception) => SingleSignOnLog.OriginsNotRead(logger, exception);
}
