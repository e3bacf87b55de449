namespace Sigma.Portal.Administration.Accounts;

public sealed record AccountListPage(AccountListFilter Query, IReadOnlyList<AccountListItem> Items, int Total)
{
    public int Pages => Math.Max(1, (Total + Query.PageSize - 1) / Query.PageSize);
}
