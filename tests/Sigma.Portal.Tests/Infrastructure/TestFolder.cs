namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp directory for one test's database files.</summary>
public static class TestFolder
{
    public static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sigma-portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static void Delete(string folder)
    {
        // Pooled SQLite connections keep the file open; release them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Another factory on the same files may still be closing; the system temp folder is cleaned eventually.
        }
    }
}
