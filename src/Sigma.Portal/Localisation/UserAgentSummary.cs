namespace Sigma.Portal.Localisation;

/// <summary>
/// The browser and system a User-Agent names, as a person would say them ("Chrome", "Windows"): what the security
/// events and the sessions show, with the whole string one click away. No library for this is available to the
/// portal; the order of the checks is what matters (Edge and Opera also say "Chrome", Chrome also says "Safari").
/// </summary>
public static class UserAgentSummary
{
    private static readonly (string Marker, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"), ("Version/", "Safari"),
    ];

    private static readonly (string Marker, string Name)[] Systems =
    [
        ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Android", "Android"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Macintosh", "macOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ];

    /// <returns>The browser and the system, each null when the string does not say.</returns>
    public static (string? Browser, string? System) Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return (null, null);
        }

        return (First(Browsers, userAgent), First(Systems, userAgent));
    }

    private static string? First((string Marker, string Name)[] candidates, string userAgent) =>
        candidates.FirstOrDefault(c => userAgent.Contains(c.Marker, StringComparison.Ordinal)).Name;
}
