namespace Sigma.Portal.Home;

/// <summary>What an error page shows: a status and a text chosen for it, never anything from the failure itself.</summary>
public sealed record ErrorViewModel(int StatusCode)
{
    private static readonly int[] Described = [400, 403, 404, 405, 413, 429, 500, 503];

    /// <summary>Refused for lack of capacity (503): the page says to try again in a moment rather than in minutes.</summary>
    public bool Busy { get; init; }

    /// <summary>
    /// The request's trace id, for the person to quote and an administrator to find in the logs and traces; not shown
    /// on a page that was merely not found.
    /// </summary>
    public string? Reference { get; init; }

    /// <summary>The resource key prefix: "Error.404", "Error.Busy", or "Error.Other" for a status without its own text.</summary>
    public string TextKey => Busy ? "Error.Busy" : Described.Contains(StatusCode) ? $"Error.{StatusCode:D}" : "Error.Other";
}
