using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Data.Administration;

namespace Sigma.Portal.Administration.Import;

/// <summary>
/// Bulk invitations from a CSV file in two steps: a preview that checks every row (format, duplicates in the file and
/// in the database) and keeps the valid rows on the server, then one confirmation that creates them all and queues
/// their emails. The confirmation is taken by one request only, so a double submit imports once.
/// </summary>
public sealed class CsvInvitations(
    PortalDbContext db,
    AccountCreator creator,
    ILookupNormalizer normalizer,
    TimeProvider time,
    ILogger<CsvInvitations> logger)
{
    private const int SampleSize = 10;
    private static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(1);

    public async Task<ImportPreview> PreviewAsync(Stream file, Guid administratorId, CancellationToken ct)
    {
        var read = CsvInvitationFile.Read(file);
        if (read.FileProblem is not null)
        {
            return new ImportPreview { FileProblem = read.FileProblem };
        }

        var existing = await ExistingAsync(read.Rows.Select(r => normalizer.NormalizeEmail(r.Account.Email.Trim())), ct);
        var seen = new HashSet<(string, AccountType)>();
        var valid = new List<NewAccount>();
        var problems = new List<CsvRowProblem>();
        var warnings = new List<CsvRowProblem>();
        foreach (var (row, account, problem) in read.Rows)
        {
            var key = (normalizer.NormalizeEmail(account.Email.Trim()), account.AccountType);
            var found = problem
                ?? (existing.Contains(key) ? "Account.Duplicate"
                : existing.Contains((key.Item1, AccountType.Administrator)) ? "Account.AdministratorAddress"
                : !seen.Add(key) ? "Import.DuplicateInFile" : null);
            if (found is null)
            {
                valid.Add(account);
                if (!DomainHasDot(account.Email))
                {
                    warnings.Add(new CsvRowProblem(row, account.Email, ["Import.NoDotInDomain"]));
                }
            }
            else
            {
                problems.Add(new CsvRowProblem(row, account.Email, [found]));
            }
        }

        Guid? importId = null;
        if (valid.Count > 0)
        {
            var pending = new PendingImport
            {
                Id = Guid.NewGuid(),
                UploadedBy = administratorId,
                CreatedUtc = time.GetUtcNow().UtcDateTime,
                RowsJson = JsonSerializer.Serialize(valid),
                RowCount = valid.Count,
            };
            db.PendingImports.Add(pending);
            await db.SaveChangesAsync(ct);
            importId = pending.Id;
        }

        return new ImportPreview { ImportId = importId, ValidCount = valid.Count, Sample = [.. valid.Take(SampleSize)], Problems = problems, Warnings = warnings };
    }

    // Valid as an address (an intranet host may have no dot), but for Sigma's people almost always a typo.
    private static bool DomainHasDot(string email) => email.Trim() is var trimmed && trimmed[(trimmed.LastIndexOf('@') + 1)..].Contains('.', StringComparison.Ordinal);

    /// <returns>Created and already-existing counts; null when the preview is unknown, expired, someone else's or already imported.</returns>
    public async Task<(int Created, int Existing)?> ImportAsync(Guid importId, Guid administratorId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var freshSince = now - PreviewLifetime;
        var taken = await db.PendingImports
            .Where(p => p.Id == importId && p.UploadedBy == administratorId && p.ConsumedUtc == null && p.CreatedUtc > freshSince)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ConsumedUtc, now), ct);
        if (taken == 0)
        {
            return null;
        }

        var json = await db.PendingImports.AsNoTracking().Where(p => p.Id == importId).Select(p => p.RowsJson).FirstAsync(ct);
        var rows = (JsonSerializer.Deserialize<List<NewAccount>>(json) ?? []).Select(r => r with { CreatedBy = administratorId }).ToList();
        var result = await creator.CreateManyAsync(rows, ct);
        await db.PendingImports.Where(p => p.Id == importId).ExecuteUpdateAsync(s => s.SetProperty(p => p.RowsJson, ""), ct);
        AdministrationLog.Imported(logger, importId, administratorId, result.Created, result.Existing);
        return result;
    }

    private async Task<HashSet<(string, AccountType)>> ExistingAsync(IEnumerable<string> emails, CancellationToken ct)
    {
        var found = new HashSet<(string, AccountType)>();
        foreach (var chunk in emails.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await db.Users.AsNoTracking()
                .Where(u => chunk.Contains(u.NormalizedEmail!))
                .Select(u => new { u.NormalizedEmail, u.AccountType })
                .ToListAsync(ct);
            found.UnionWith(rows.Select(r => (r.NormalizedEmail!, r.AccountType)));
        }

        return found;
    }
}
