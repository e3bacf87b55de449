namespace Sigma.Portal.Data.Administration;

/// <summary>
/// A checked CSV upload waiting for the administrator's "create these accounts": the valid rows are kept here between
/// the preview and the confirmation, so they are never posted back from the browser.
/// </summary>
public sealed class PendingImport
{
    public Guid Id { get; set; }

    public Guid UploadedBy { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The valid rows as JSON.</summary>
    public string RowsJson { get; set; } = "";

    public int RowCount { get; set; }

    /// <summary>Set by the one confirmation that runs the import; a second submit finds it taken.</summary>
    public DateTime? ConsumedUtc { get; set; }
}
