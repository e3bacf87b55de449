using System.Globalization;

namespace Sigma.Portal.LoadTest;

/// <summary>
/// CPU seconds a server process has used, in all and on its password hashing threads (the portal names them
/// "Password hash N"), from Linux's /proc. The share spent hashing says whether the hash is the only expensive thing
/// independently of how fast the machine happens to run at that moment.
/// </summary>
internal readonly record struct ServerCpu(double Seconds, double HashingSeconds)
{
    public static ServerCpu Unknown { get; } = new(double.NaN, double.NaN);

    /// <summary>The share of the CPU spent hashing; NaN when unknown or when the server has no hashing threads of its own.</summary>
    public double HashingShare => HashingSeconds > 0 ? HashingSeconds / Seconds : double.NaN;

    public static ServerCpu Of(int pid)
    {
        var hashing = Directory.EnumerateDirectories($"/proc/{pid}/task")
            .Where(thread => ReadOrEmpty(Path.Combine(thread, "comm")).StartsWith("Password hash", StringComparison.Ordinal))
            .Sum(thread => Ticks(ReadOrEmpty(Path.Combine(thread, "stat"))));
        return new ServerCpu(Ticks(File.ReadAllText($"/proc/{pid}/stat")) / 100.0, hashing / 100.0);
    }

    public static ServerCpu operator -(ServerCpu after, ServerCpu before) =>
        new(after.Seconds - before.Seconds, after.HashingSeconds - before.HashingSeconds);

    /// <summary>User plus system time (fields 14 and 15 of a stat file, in clock ticks of 1/100 s).</summary>
    private static long Ticks(string stat)
    {
        if (stat.Length == 0)
        {
            return 0;
        }

        // Fields after the command name, which is in parentheses and may contain spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    // A thread may end between listing and reading.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
