namespace Sigma.Portal.LoadTest;

/// <summary>A process's resident memory now and at its peak, from Linux's /proc.</summary>
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

    private static long Mebibytes(string[] status, string field) =>
        long.Parse(status.First(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024;
}
