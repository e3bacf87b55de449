namespace Sigma.Portal.Infrastructure.Telemetry;

/// <summary>The portal's own meters, one per feature, all named in the <c>sigma.portal</c> namespace (docs/operations.md).</summary>
public static class PortalMeters
{
    public const string SignIn = "sigma.portal.signin";
    public const string Email = "sigma.portal.email";
    public const string PasswordHash = "sigma.portal.password_hash";
    public const string Accounts = "sigma.portal.accounts";
    public const string TwoFactor = "sigma.portal.twofactor";
    public const string Sessions = "sigma.portal.sessions";
    public const string SingleSignOn = "sigma.portal.sso";

    public static readonly string[] All = [SignIn, Email, PasswordHash, Accounts, TwoFactor, Sessions, SingleSignOn];
}
