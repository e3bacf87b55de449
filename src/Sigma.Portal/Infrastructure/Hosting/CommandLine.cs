namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>Splits the process arguments into a command (the first word, when it is not an option) and its arguments.</summary>
public sealed record CommandLine(string? Command, IReadOnlyList<string> CommandArguments, string[] HostArguments)
{
    public static CommandLine Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal)
            ? new CommandLine(first, args[1..], [])
            : new CommandLine(null, [], args);
    }

    /// <summary>The value after <paramref name="option"/> (<c>--email a@b.nl</c>), or null when absent.</summary>
    public static string? Option(IReadOnlyList<string> arguments, string option)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (string.Equals(arguments[i], option, StringComparison.Ordinal))
            {
                return arguments[i + 1];
            }
        }

        return null;
    }

    /// <summary>Every value of a repeatable <paramref name="option"/>, each also split at commas (<c>--x a,b --x c</c>).</summary>
    public static IReadOnlyList<string> Values(IReadOnlyList<string> arguments, string option)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var values = new List<string>();
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (string.Equals(arguments[i], option, StringComparison.Ordinal))
            {
                values.AddRange(arguments[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return values;
    }

    /// <summary>Whether the switch <paramref name="option"/> (<c>--public</c>) is present.</summary>
    public static bool Flag(IReadOnlyList<string> arguments, string option)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.Contains(option, StringComparer.Ordinal);
    }
}
