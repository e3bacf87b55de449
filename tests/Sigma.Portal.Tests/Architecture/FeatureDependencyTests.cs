using System.Text.RegularExpressions;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Architecture;

/// <summary>
/// The features of the web app depend on each other one way only, each knowing only those below it (docs/architecture.md):
/// Host (Program, the shared layout) → Administration, Help, Home → SingleSignOn → TwoFactor → Accounts → Sessions, Email, Audit →
/// Localisation → Infrastructure → Data.
/// Read from the source as a reader would follow it: every <c>using</c>, every fully qualified name and every view's
/// <c>@model</c>, <c>@inject</c> and <c>@using</c>, per file, against the feature folder the file is in.
/// </summary>
public sealed partial class FeatureDependencyTests
{
    /// <summary>Each feature's level; a file may name a feature of a lower level only (the Data project is 0).</summary>
    private static readonly Dictionary<string, int> Levels = new(StringComparer.Ordinal)
    {
        ["Data"] = 0,
        ["Migrations"] = 0,
        ["Infrastructure"] = 1,
        ["Localisation"] = 2,
        ["Sessions"] = 3,
        ["Email"] = 3,
        ["Audit"] = 3,
        ["Accounts"] = 4,
        ["TwoFactor"] = 5,
        ["SingleSignOn"] = 6,
        ["Administration"] = 7,
        ["Help"] = 7,
        ["Home"] = 7,
        ["Views"] = 8,
        ["Host"] = 8,
    };

    [Fact]
    public void Features_NameOnlyFeaturesBelowThem()
    {
        var web = Path.Combine(Repository.Root, "src", "Sigma.Portal");

        var upward = Dependencies(web)
            .Where(d => d.From != d.To && Levels[d.To] >= Levels[d.From])
            .Select(d => $"{d.File}: {d.From} → {d.To}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(upward.Count == 0, "Arrows that do not run down the chain:\n" + string.Join('\n', upward));
    }

    /// <summary>The picture in docs/architecture.md is the one the code draws; the message holds the block to paste.</summary>
    [Fact]
    public void ArchitectureDocument_ShowsTheDependenciesTheCodeHas()
    {
        var web = Path.Combine(Repository.Root, "src", "Sigma.Portal");
        var document = File.ReadAllText(Path.Combine(Repository.Root, "docs", "architecture.md"));

        var drawn = Picture(Dependencies(web));

        Assert.True(document.Contains(drawn, StringComparison.Ordinal), "docs/architecture.md should contain:\n" + drawn);
    }

    /// <summary>
    /// One line per feature, from the top of the chain down: the features its files name. Infrastructure and Data are
    /// left out: below everything, every file may use them (some through GlobalUsings.cs).
    /// </summary>
    public static string Picture(IEnumerable<(string File, string From, string To)> dependencies)
    {
        var lines = dependencies
            .Where(d => d.From != d.To && d.To is not ("Data" or "Migrations" or "Infrastructure"))
            .GroupBy(d => d.From)
            .OrderByDescending(g => Levels[g.Key]).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} → {string.Join(", ", g.Select(d => d.To).Distinct().OrderByDescending(t => Levels[t]).ThenBy(t => t, StringComparer.Ordinal))}");
        return "```text\n" + string.Join('\n', lines) + "\n```";
    }

    /// <summary>The feature arrows of the web app, each with the file it is in.</summary>
    public static IEnumerable<(string File, string From, string To)> Dependencies(string web)
    {
        foreach (var file in Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(web, file);
            var from = relative.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar, StringComparison.Ordinal)] : "Host";
            if (from == "wwwroot" || from == "Properties")
            {
                continue;
            }

            // Comments may name anything; code and markup may not.
            var code = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            foreach (Match reference in Named().Matches(code))
            {
                var to = reference.Groups[1].Value;
                if (Levels.ContainsKey(to))
                {
                    yield return (relative, from, to);
                }
            }
        }
    }

    [GeneratedRegex(@"\bSigma\.Portal\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex Named();
}
