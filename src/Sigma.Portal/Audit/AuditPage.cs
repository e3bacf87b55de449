namespace Sigma.Portal.Audit;

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
