namespace Sigma.Portal.Administration;

/// <summary>Log messages of the admin console; event ids 4000-4999. Never an access pass.</summary>
internal static partial class AdministrationLog
{
    [LoggerMessage(4002, LogLevel.Information, "Administrator {AdministratorId} deactivated user {UserId}")]
    public static partial void Deactivated(ILogger logger, Guid administratorId, Guid userId);

    [LoggerMessage(4003, LogLevel.Information, "Administrator {AdministratorId} reactivated user {UserId}")]
    public static partial void Reactivated(ILogger logger, Guid administratorId, Guid userId);

    [LoggerMessage(4004, LogLevel.Information, "Administrator {AdministratorId} unlocked user {UserId}")]
    public static partial void Unlocked(ILogger logger, Guid administratorId, Guid userId);

    [LoggerMessage(4005, LogLevel.Information, "Administrator {AdministratorId} changed user {UserId}")]
    public static partial void Updated(ILogger logger, Guid administratorId, Guid userId);

    [LoggerMessage(4006, LogLevel.Information, "CSV import {ImportId} by administrator {AdministratorId}: {Created} created, {Existing} already existed")]
    public static partial void Imported(ILogger logger, Guid importId, Guid administratorId, int created, int existing);

    [LoggerMessage(4007, LogLevel.Warning, "This instance could not report itself for the Status page; it tries again in 30 seconds")]
    public static partial void InstanceReportFailed(ILogger logger, Exception exception);
}
