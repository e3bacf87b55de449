using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Audit;

/// <summary>
/// An audit event's detail as a person reads it. The table keeps what was recorded (codes such as "WrongPassword",
/// "mfa", "00:15:00", "9 left": the export and a SIEM want those); the pages show them as prose in the reader's
/// language. Free text (a reason, an application's name) is shown as it was written.
/// </summary>
public sealed partial class AuditDetails(IStringLocalizer<AuditText> text, IStringLocalizer<SharedText> shared, DisplayTexts display)
{
    private static readonly HashSet<string> Failures =
        ["UnknownEmail", "Deactivated", "LockedOut", "WrongPassword", "WrongCode", "ReplayedCode", "WrongRecoveryCode", "WrongAccessPass", "PasskeyRefused"];

    private static readonly Dictionary<string, string> ApplicationRefusals = new(StringComparer.Ordinal)
    {
        ["Refused.TwoFactor"] = "Detail.Refused.TwoFactor",
        ["Refused.Account"] = "Detail.Refused.Account",
        ["Refused.Disabled"] = "Detail.Refused.Disabled",
        ["Refused.AccountType"] = "Detail.Refused.AccountType",
        ["account deactivated or removed"] = "Detail.Refused.Account",
        ["application disabled or not open to the account"] = "Detail.Refused.Disabled",
        ["portal session ended"] = "Detail.Refused.SessionEnded",
        ["unknown subject"] = "Detail.Refused.Unknown",
    };

    private static readonly Dictionary<string, string> ApplicationChanges = new(StringComparer.Ordinal)
    {
        ["disabled"] = "Detail.App.Disabled",
        ["enabled"] = "Detail.App.Enabled",
        ["logo changed"] = "Detail.App.LogoChanged",
        ["logo removed"] = "Detail.App.LogoRemoved",
    };

    public string? Describe(string eventType, string? detail)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return detail;
        }

        return eventType switch
        {
            nameof(AuditEventType.SignInFailed) when Failures.Contains(detail) => text["Detail.Failure." + detail],
            nameof(AuditEventType.SignInSucceeded) when detail is "mfa" or "pwd" or "passkey" or "pwd+passkey" => text["Detail.Method." + detail],
            nameof(AuditEventType.LockedOut) when TimeSpan.TryParse(detail, CultureInfo.InvariantCulture, out var duration) =>
                text["Detail.LockedFor", display.Duration(duration)],
            nameof(AuditEventType.RecoveryCodeUsed) when RecoveryLeft().Match(detail) is { Success: true } left =>
                text.Plural("Detail.RecoveryLeft", int.Parse(left.Groups[1].Value, CultureInfo.InvariantCulture)),
            nameof(AuditEventType.AccountCreated) when Enum.TryParse<AccountType>(detail, out var type) => shared["AccountType." + type],
            nameof(AuditEventType.PasswordChanged) when detail == "ResetLink" => text["Detail.ResetLink"],
            nameof(AuditEventType.LinkRequestHeldBack) when Enum.TryParse<AccountTokenPurpose>(detail, out var purpose) => text["Detail.Link." + purpose],
            nameof(AuditEventType.AccountUpdated) when Changes().Match(detail) is { Success: true } changes => Updated(changes),
            nameof(AuditEventType.ApplicationChanged) or nameof(AuditEventType.ApplicationRefused) => Application(eventType, detail),
            _ => detail,
        };
    }

    // "loonstroken: disabled" or "Loonstroken: Refused.AccountType": the application as recorded, then what happened.
    private string Application(string eventType, string detail)
    {
        var split = detail.LastIndexOf(": ", StringComparison.Ordinal);
        var what = split < 0 ? "" : detail[(split + 2)..];
        var known = eventType == nameof(AuditEventType.ApplicationChanged) ? ApplicationChanges : ApplicationRefusals;
        return known.TryGetValue(what, out var key) ? $"{detail[..split]}: {text[key]}" : detail;
    }

    private string Updated(Match changes)
    {
        string Type(string value) => Enum.TryParse<AccountType>(value, out var type) ? shared["AccountType." + type] : value;
        // Languages by their own names, as the language switch shows them.
        static string Language(string value) => value switch { "nl" => "Nederlands", "en" => "English", _ => value };
        string Organisation(string value) => value.Length == 0 ? text["Detail.Nothing"] : value;
        return text[
            "Detail.Updated",
            Type(changes.Groups["from"].Value), Type(changes.Groups["to"].Value),
            Organisation(changes.Groups["orgFrom"].Value), Organisation(changes.Groups["orgTo"].Value),
            Language(changes.Groups["langFrom"].Value), Language(changes.Groups["langTo"].Value)];
    }

    [GeneratedRegex(@"^(\d+) left$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RecoveryLeft();

    // AccountEditor's record of a change: "Type: A -> B; Organisation: x -> y; Language: nl -> en".
    [GeneratedRegex(@"^Type: (?<from>\w+) -> (?<to>\w+); Organisation: (?<orgFrom>.*) -> (?<orgTo>.*); Language: (?<langFrom>[a-z]*) -> (?<langTo>[a-z]*)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Changes();
}
