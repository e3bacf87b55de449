namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>A setting that makes the portal unable to start; the message names the configuration key to fix.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The configuration problems behind a failed start (options validation, possibly several at once, or this
    /// exception); empty when the failure is something else.
    /// </summary>
    public static IReadOnlyList<string> ProblemsIn(Exception exception) => exception switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        ConfigurationException configuration => [configuration.Message],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => ProblemsIn(e).Count > 0) =>
            [.. aggregate.InnerExceptions.SelectMany(ProblemsIn)],
        _ => [],
    };
}
