namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// The other sites a form of the portal may end up at, for the policy's <c>form-action</c>. Browsers check it on every
/// redirect after a form is sent: signing in for an application ends in a redirect to that application, so the origins
/// of the registered applications' redirect URIs are allowed beside our own, and nothing else.
/// </summary>
public sealed class FormTargets
{
    private volatile string _sources = "";

    /// <summary>The origins, space-separated, to follow <c>'self'</c>; empty when there are none.</summary>
    public string Sources => _sources;

    public void Replace(IEnumerable<Uri> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        _sources = string.Join(' ', addresses
            .Where(a => a.IsAbsoluteUri && (a.Scheme == Uri.UriSchemeHttps || a.Scheme == Uri.UriSchemeHttp))
            .Select(a => a.GetLeftPart(UriPartial.Authority).ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
    }
}
