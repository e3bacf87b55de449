using System.Diagnostics;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>Runs the portal as its own process, as an operator would, to see what it prints and how it exits.</summary>
public static class PortalProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = StartInfo(environment, arguments);
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var result = new Result(process.ExitCode, await output, await error);
        TestFolder.Delete(start.WorkingDirectory);
        return result;
    }

    /// <summary>
    /// A command of the portal (<c>create-admin</c>, <c>seed-demo</c>) on the database and settings of a running test
    /// portal, in Production and in Dutch (or the locale given), as an operator would run it on the server.
    /// </summary>
    public static Task<Result> RunCommandAsync(PortalFactory app, string command, IEnumerable<string> arguments, CancellationToken ct, string locale = "nl_NL.UTF-8")
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services; // the portal is up, so the database exists and the command shares it
        var environment = app.Settings.Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["LANG"] = locale;
        return RunAsync(environment, [command, .. arguments], ct);
    }

    /// <summary>The portal's process, started in a folder of its own with the given environment.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestFolder.Create(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sigma.Portal.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
