namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>
/// The hosting environments the portal knows besides ASP.NET Core's own. <c>Test</c> is the automated test suite: it
/// is held to every Production rule except the floor of the password-hash cost, so a suite of hundreds of sign-ins
/// runs in seconds (the cost itself is still chosen through <c>PasswordWork:HashIterations</c>).
/// </summary>
public static class PortalEnvironments
{
    public const string Test = "Test";

    public static bool IsTest(this IHostEnvironment environment) => environment.IsEnvironment(Test);

    /// <summary>Production, or the test suite that stands in for it: the environments the deployment rules apply to.</summary>
    public static bool IsProductionLike(this IHostEnvironment environment) => environment.IsProduction() || environment.IsTest();
}
