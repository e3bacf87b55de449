namespace Sigma.Portal.Home;

/// <summary>Log messages of the home and error pages; event ids 8000-8999.</summary>
internal static partial class HomeLog
{
    [LoggerMessage(8001, LogLevel.Error, "The database is unavailable; answered 503")]
    public static partial void DatabaseUnavailable(ILogger logger, Exception exception);
}
