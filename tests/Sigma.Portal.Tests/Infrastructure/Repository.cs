namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for tests that read its files (scripts, sources) as they are committed.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sigma.Portal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Sigma.Portal.sln) was not found above the test binaries.");
    }
}
