using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Sigma.Portal.Infrastructure.Data;

/// <summary>
/// Recognises a unique-index violation on either provider. Uniqueness is enforced by the database (two instances or
/// two parallel requests can both pass a "does it exist?" check); callers catch the violation instead.
/// </summary>
public static class UniqueViolation
{
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqlServerUniqueIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    public static bool Is(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
            SqlException sqlServer => sqlServer.Number is SqlServerUniqueIndex or SqlServerUniqueConstraint,
            _ => false,
        };
    }
}
