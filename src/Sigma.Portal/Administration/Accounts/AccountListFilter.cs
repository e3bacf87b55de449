namespace Sigma.Portal.Administration.Accounts;

/// <summary>The account list's search, filters, sorting and page, as they arrive in the query string.</summary>
public sealed record AccountListFilter
{
    public const int DefaultPageSize = 25;

    /// <summary>Matched against name, email and organisation.</summary>
    public string? Search { get; init; }

    public AccountType? Type { get; init; }

    public AccountStatus? Status { get; init; }

    /// <summary>True: with an authenticator; false: without; null: either.</summary>
    public bool? TwoFactor { get; init; }

    public AccountSort Sort { get; init; } = AccountSort.Name;

    public bool Descending { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;
}

public enum AccountSort
{
    Name,
    Email,
    Created,
    LastSignIn,
}
