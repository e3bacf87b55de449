using System.Reflection;

namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>The version this build carries (the project's version and, when built from git, its commit).</summary>
public static class PortalVersion
{
    public static string Current { get; } =
        typeof(PortalVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
