namespace Sigma.Portal.Administration.Import;

/// <summary>A row of an uploaded CSV that cannot be imported: its row number in the file and what is wrong (resource keys).</summary>
public sealed record CsvRowProblem(int Row, string Email, IReadOnlyList<string> Problems);
