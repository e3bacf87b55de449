namespace Sigma.Portal.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
