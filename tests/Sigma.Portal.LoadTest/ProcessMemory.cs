namespace Sigma.Portal.LoadTest;

/// <summary>A process's resident memory now and at its peak, and the CPU time it has used, from Linux's /proc.</summary>
internal static class ProcessMemory
{
    public static int Print(Arguments arguments)
    {
        Console.WriteLine("memory " + Describe(int.Parse(arguments.Text("pid"), System.Globalization.CultureInfo.InvariantCulture)));
        return 0;
    }

    public static string Describe(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return $"rss_mib={Mebibytes(status, "VmRSS:")} peak_rss_mib={Mebibytes(status, "VmHWM:")}";
    }

    /// <summary>User plus system CPU seconds the process has used (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may contain spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long Mebibytes(string[] status, string field) =>
        long.Parse(status.First(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
}
