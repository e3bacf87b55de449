namespace Sigma.Portal.Infrastructure;

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
}
