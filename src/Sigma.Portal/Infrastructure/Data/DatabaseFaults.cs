using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>
/// Tells a database that cannot be reached or used right now (SQL Server down, a locked or read-only SQLite file) from
/// other failures, so the portal can answer "temporarily unavailable" instead of "something went wrong".
/// </summary>
public static class DatabaseFaults
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN
    private static readonly int[] SqliteUnavailable = [5, 6, 8, 10, 13, 14];

    public static bool IsUnavailable(Exception? exception) => exception switch
    {
        null => false,
        SqliteException sqlite => SqliteUnavailable.Contains(sqlite.SqliteErrorCode),
        // Login, network and server-side faults; constraint violations and syntax errors are not outages.
        SqlException sqlServer => sqlServer.Class >= 20 || sqlServer.Number is -2 or -1 or 2 or 53 or 64 or 233 or 4060 or 18456 or 10053 or 10054 or 10060 or 40613 or 40501 or 40197,
        RetryLimitExceededException => true,
        TimeoutException => true,
        _ => IsUnavailable(exception.InnerException),
    };
}
