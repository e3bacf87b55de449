namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>Settings of the portal as a whole (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// The address people use to reach the portal. Every link in an email is built from it, never from the request's
    /// Host header, so a forged Host cannot redirect a link. Required in Production.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
