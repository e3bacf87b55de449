using System.Diagnostics.Metrics;

namespace Sigma.Portal.SingleSignOn;

/// <summary>
/// Meter <c>sigma.portal.sso</c>: token responses issued to applications, by the application's client id (chosen by an
/// administrator, never a person's data) and grant (authorization_code, refresh_token).
/// </summary>
public sealed class SingleSignOnMetrics
{
    private readonly Counter<long> _tokens;

    public SingleSignOnMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _tokens = meters.Create(PortalMeters.SingleSignOn)
            .CreateCounter<long>("sigma.portal.sso.tokens", "{response}", "Token responses issued to applications, by application and grant.");
    }

    public void Issued(string? clientId, string? grantType) =>
        _tokens.Add(1, new KeyValuePair<string, object?>("sigma.application", clientId), new KeyValuePair<string, object?>("sigma.grant", grantType));
}
