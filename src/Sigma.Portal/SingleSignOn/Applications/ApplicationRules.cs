using System.Net;
using System.Text.RegularExpressions;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// What a registration must satisfy before it is saved; each problem is a text key (SingleSignOnText). Addresses the
/// portal sends people or codes to are absolute https (plain http only on this machine's loopback, for development),
/// without a fragment (RFC 6749 §3.1.2) and without user info, which could disguise the host.
/// </summary>
public static partial class ApplicationRules
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 200;
    public const int MaxUriLength = 2000;

    public static IReadOnlyList<string> Problems(ApplicationRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var problems = new List<string>();
        if (!ClientIdPattern().IsMatch(registration.ClientId))
        {
            problems.Add("Application.ClientIdInvalid");
        }

        if (string.IsNullOrWhiteSpace(registration.DisplayName) || registration.DisplayName.Length > MaxNameLength)
        {
            problems.Add("Application.NameInvalid");
        }

        if (registration.Description?.Length > MaxDescriptionLength)
        {
            problems.Add("Application.DescriptionTooLong");
        }

        if (registration.RedirectUris.Count == 0)
        {
            problems.Add("Application.RedirectUriMissing");
        }

        if (!registration.RedirectUris.Concat(registration.PostLogoutRedirectUris).All(IsAcceptable)
            || (registration.StartUrl is { } start && !IsAcceptable(start))
            || (registration.BackChannelLogoutUri is { } logout && !IsAcceptable(logout)))
        {
            problems.Add("Application.UriInvalid");
        }

        if (registration.AccountTypes.Any(t => !Enum.IsDefined(t)))
        {
            problems.Add("Application.AccountTypeInvalid");
        }

        return problems;
    }

    /// <summary>
    /// Addresses as typed (one per value, empty ones skipped), for the console and the command line alike; false when
    /// one is not an absolute URI at all. Whether each is acceptable is <see cref="Problems"/>' to say.
    /// </summary>
    public static bool TryParseUris(IEnumerable<string> values, out List<Uri> uris)
    {
        ArgumentNullException.ThrowIfNull(values);
        uris = [];
        foreach (var value in values.Select(v => v.Trim()).Where(v => v.Length > 0))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            {
                return false;
            }

            uris.Add(uri);
        }

        return true;
    }

    /// <summary>An address the portal may send a person or a code to.</summary>
    public static bool IsAcceptable(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsAbsoluteUri
            && uri.OriginalString.Length <= MaxUriLength
            && string.IsNullOrEmpty(uri.Fragment)
            && !uri.OriginalString.Contains('#', StringComparison.Ordinal)
            && string.IsNullOrEmpty(uri.UserInfo)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback && (uri.HostNameType != UriHostNameType.Dns || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();
}
