namespace Sigma.Portal.Infrastructure.Telemetry;

/// <summary>The portal's own meters, one per feature, all named in the <c>sigma.portal</c> namespace (docs/operations.md).</summary>
public static class PortalMeters
{
    public const string SignIn = "sigma.portal.signin";

    public static readonly string[] All = [SignIn];
}
