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
}
