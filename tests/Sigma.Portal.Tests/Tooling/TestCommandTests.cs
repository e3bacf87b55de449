using System.Diagnostics;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Tooling;

/// <summary>
/// The README's test command, <c>tests/run.sh</c>, run on a tree of stand-in projects with a stand-in <c>dotnet</c>
/// first on the PATH that plays each project's outcome: the script's own rules, not the suite's, are under test.
/// </summary>
public sealed class TestCommandTests
{
    [Fact]
    public async Task RunScript_FirstProjectFailsAndAnotherDoesNotBuild_RunsEveryProjectAndCountsTheMissingOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var tree = TestFolder.Create();
        Project(tree, "A.FailsFirst", exitCode: 1, counters: """<Counters total="3" passed="2" failed="1" notExecuted="0" />""");
        Project(tree, "B.DoesNotBuild", exitCode: 1, counters: null);
        Project(tree, "C.Passes", exitCode: 0, counters: """<Counters total="5" passed="4" failed="0" notExecuted="1" />""");
        Project(tree, "D.Tool", exitCode: 0, counters: """<Counters total="9" passed="9" failed="0" notExecuted="0" />""", isTestProject: false);

        var (exitCode, output, ran) = await RunAsync(tree, ct);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual(0, exitCode);
        Assert.Equal(["A.FailsFirst", "B.DoesNotBuild", "C.Passes"], ran);
        Assert.Contains("B.DoesNotBuild: did not run (no results file), counted as 1 failed", lines);
        Assert.Equal("6 passed, 2 failed, 1 skipped", lines[^1]);
        TestFolder.Delete(tree);
    }

    [Fact]
    public async Task RunScript_EveryProjectPasses_ExitsZeroWithTheTotal()
    {
        var ct = TestContext.Current.CancellationToken;
        var tree = TestFolder.Create();
        Project(tree, "A.Passes", exitCode: 0, counters: """<Counters total="2" passed="2" failed="0" notExecuted="0" />""");
        Project(tree, "B.Passes", exitCode: 0, counters: """<Counters total="3" passed="3" failed="0" notExecuted="0" />""");

        var (exitCode, output, _) = await RunAsync(tree, ct);

        Assert.Equal(0, exitCode);
        Assert.Equal("5 passed, 0 failed, 0 skipped", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        TestFolder.Delete(tree);
    }

    private static void Project(string tree, string name, int exitCode, string? counters, bool isTestProject = true)
    {
        var folder = Directory.CreateDirectory(Path.Combine(tree, "tests", name)).FullName;
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), isTestProject
            ? "<Project />\n"
            : "<Project><PropertyGroup><IsTestProject>false</IsTestProject></PropertyGroup></Project>\n");
        File.WriteAllText(Path.Combine(folder, "outcome"), $"{exitCode} {counters}\n");
    }

    private static async Task<(int ExitCode, string Output, IReadOnlyList<string> Ran)> RunAsync(string tree, CancellationToken ct)
    {
        File.Copy(Path.Combine(Repository.Root, "tests", "run.sh"), Path.Combine(tree, "tests", "run.sh"));
        var bin = Directory.CreateDirectory(Path.Combine(tree, "bin")).FullName;
        var log = Path.Combine(tree, "ran.log");
        // Plays "dotnet test <project> ... --logger trx;LogFileName=<name> --results-directory <dir>" from the project's
        // outcome file: its exit code, and the trx counters it leaves (none: as if it never built).
        await File.WriteAllTextAsync(Path.Combine(bin, "dotnet"), """
            #!/usr/bin/env bash
            [ "$1" = test ] || exit 2
            project=$2; shift 2
            while [ $# -gt 0 ]; do
                case "$1" in
                    --logger) trx=${2#*LogFileName=}; shift ;;
                    --results-directory) results=$2; shift ;;
                esac
                shift
            done
            basename "$project" .csproj >> "$FAKE_DOTNET_LOG"
            read -r code counters < "$(dirname "$project")/outcome"
            [ -z "$counters" ] || echo "<TestRun><ResultSummary>$counters</ResultSummary></TestRun>" > "$results/$trx"
            exit "$code"
            """.Replace("\r", "", StringComparison.Ordinal) + "\n", ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(tree, "tests", "run.sh"));
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["FAKE_DOTNET_LOG"] = log;
        start.Environment["SIGMA_CHROMIUM"] = "/bin/sh"; // any executable: the stand-in projects need no browser
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var ran = File.Exists(log) ? await File.ReadAllLinesAsync(log, ct) : [];
        return (process.ExitCode, await output + await error, ran);
    }
}
