namespace Sigma.Portal.Data.Security;

/// <summary>A server-side secret the portal generated for itself (such as the hashing key), protected with Data Protection.</summary>
public sealed class PortalSecret
{
    public string Name { get; set; } = "";

    public string ProtectedValue { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
