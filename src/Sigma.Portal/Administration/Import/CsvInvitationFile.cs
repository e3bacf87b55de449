using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Sigma.Portal.Accounts.Invitations;

namespace Sigma.Portal.Administration.Import;

/// <summary>
/// Reads an invitation file with CsvHelper: UTF-8 with or without BOM, ";" or "," between fields, a header row with the
/// columns <c>email</c>, <c>name</c>, <c>type</c> and optionally <c>organisation</c> and <c>language</c> (Dutch names
/// work too: <c>e-mail</c>, <c>naam</c>, <c>soort</c>, <c>organisatie</c>, <c>taal</c>). Types are employee/werknemer
/// or employer/werkgever; administrators are never created from a file.
/// </summary>
public static class CsvInvitationFile
{
    public const int MaxRows = 20_000;

    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = "email",
        ["e-mail"] = "email",
        ["emailadres"] = "email",
        ["e-mailadres"] = "email",
        ["name"] = "name",
        ["naam"] = "name",
        ["type"] = "type",
        ["soort"] = "type",
        ["organisation"] = "organisation",
        ["organization"] = "organisation",
        ["organisatie"] = "organisation",
        ["language"] = "language",
        ["taal"] = "language",
    };

    private static readonly Dictionary<string, AccountType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["employee"] = AccountType.Employee,
        ["werknemer"] = AccountType.Employee,
        ["employer"] = AccountType.Employer,
        ["werkgever"] = AccountType.Employer,
    };

    /// <summary>The rows read, with their row numbers; or the resource key of why the file as a whole cannot be read.</summary>
    public sealed record Result(IReadOnlyList<(int Row, NewAccount Account, string? Problem)> Rows, string? FileProblem);

    public static Result Read(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var reader = new StreamReader(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [";", ","],
            TrimOptions = TrimOptions.Trim,
            PrepareHeaderForMatch = args => Columns.GetValueOrDefault(args.Header.Trim(), args.Header.Trim().ToLowerInvariant()),
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };
        try
        {
            using var csv = new CsvReader(reader, configuration);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                return new Result([], "Import.Empty");
            }

            var headers = csv.HeaderRecord.Select(h => Columns.GetValueOrDefault(h.Trim(), "")).ToHashSet();
            if (!headers.IsSupersetOf(["email", "name", "type"]))
            {
                return new Result([], "Import.MissingColumns");
            }

            var rows = new List<(int, NewAccount, string?)>();
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    return new Result([], "Import.TooManyRows");
                }

                rows.Add(ReadRow(csv));
            }

            return new Result(rows, rows.Count == 0 ? "Import.Empty" : null);
        }
        catch (Exception e) when (e is CsvHelperException or DecoderFallbackException)
        {
            return new Result([], e is DecoderFallbackException ? "Import.NotUtf8" : "Import.Malformed");
        }
    }

    private static (int Row, NewAccount Account, string? Problem) ReadRow(CsvReader csv)
    {
        var typeText = csv.GetField("type") ?? "";
        var language = csv.GetField("language");
        var account = new NewAccount
        {
            Email = csv.GetField("email") ?? "",
            DisplayName = csv.GetField("name") ?? "",
            AccountType = Types.GetValueOrDefault(typeText),
            Organisation = csv.GetField("organisation"),
            Language = string.IsNullOrWhiteSpace(language) ? "nl" : language.Trim().ToLowerInvariant(),
        };
        var problem = Types.ContainsKey(typeText) ? AccountCreator.Problem(account) : "Import.UnknownType";
        return (csv.Parser.Row, account, problem);
    }
}
