using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Sigma.Portal.Audit;

/// <summary>
/// The audit export as CSV (UTF-8 with BOM, semicolons, as Dutch Excel expects). Cells that a spreadsheet would run as a
/// formula (starting with =, +, -, @, tab or return) are escaped, since details and user agents come from outside.
/// </summary>
public static class AuditCsv
{
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditRow> rows, CancellationToken ct)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ";",
            InjectionOptions = InjectionOptions.Escape,
        };
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, configuration);
        foreach (var header in new[] { "OccurredUtc", "EventType", "AccountEmail", "AccountId", "ActorEmail", "ActorId", "Detail", "IpAddress", "UserAgent" })
        {
            csv.WriteField(header);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.OccurredUtc.ToString("u", CultureInfo.InvariantCulture));
            csv.WriteField(row.EventType);
            csv.WriteField(row.UserEmail);
            csv.WriteField(row.UserId?.ToString());
            csv.WriteField(row.ActorEmail);
            csv.WriteField(row.ActorId?.ToString());
            csv.WriteField(row.Detail);
            csv.WriteField(row.IpAddress);
            csv.WriteField(row.UserAgent);
            await csv.NextRecordAsync();
        }
    }
}
