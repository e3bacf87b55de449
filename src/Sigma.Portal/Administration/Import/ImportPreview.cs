using Sigma.Portal.Accounts.Invitations;

namespace Sigma.Portal.Administration.Import;

/// <summary>What a checked upload shows before anything is created.</summary>
public sealed record ImportPreview
{
    /// <summary>Set when there are valid rows waiting for confirmation.</summary>
    public Guid? ImportId { get; init; }

    public int ValidCount { get; init; }

    /// <summary>The first valid rows, so the administrator recognises the file.</summary>
    public IReadOnlyList<NewAccount> Sample { get; init; } = [];

    public IReadOnlyList<CsvRowProblem> Problems { get; init; } = [];

    /// <summary>Rows that will be imported but look mistyped (an address whose domain has no dot: "anna@example").</summary>
    public IReadOnlyList<CsvRowProblem> Warnings { get; init; } = [];

    /// <summary>Why the file as a whole cannot be read (resource key).</summary>
    public string? FileProblem { get; init; }
}
