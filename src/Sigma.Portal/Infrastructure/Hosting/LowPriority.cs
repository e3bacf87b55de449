using System.Runtime.InteropServices;

namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>
/// Lowers the calling thread's CPU priority, so work that may take every core (password hashing) gives way to request
/// handling. On Linux that is the thread's nice value — .NET's <see cref="Thread.Priority"/> does nothing there, and
/// setpriority on the calling thread affects that thread only; elsewhere the managed priority.
/// </summary>
internal static class LowPriority
{
    /// <summary>Nice 10: a CPU-bound thread at this level gets about a tenth of a core that request threads want.</summary>
    public const int Nice = 10;

    private const int PrioProcess = 0;

    public static void ForCurrentThread()
    {
        if (OperatingSystem.IsLinux())
        {
            // Failure leaves the normal priority: slower pages under a flood, nothing worse.
            _ = SetPriority(PrioProcess, 0, Nice);
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }
    }

    /// <summary>The nice value of the calling thread (Linux), for tests.</summary>
    public static int CurrentNice() => OperatingSystem.IsLinux() ? GetPriority(PrioProcess, 0) : 0;

    // DllImport rather than LibraryImport: two int-only calls do not justify compiling the portal with unsafe code.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetPriority(int which, int who);
}
