using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Sigma.Portal.Localisation;

/// <summary>
/// Durations, moments, devices and addresses as people read them: "7 dagen", "26 november 2026 14:05" in Dutch time,
/// "Chrome op Windows".
/// </summary>
public sealed class DisplayTexts(IStringLocalizer<SharedText> text, IOptions<SupportOptions> support)
{
    private static readonly TimeZoneInfo Netherlands = FindNetherlands();

    public string Duration(TimeSpan duration)
    {
        if (duration.TotalDays >= 1 && duration.TotalDays % 1 == 0)
        {
            return text.Plural("Duration.Days", (int)duration.TotalDays);
        }

        if (duration.TotalHours >= 1 && duration.TotalHours % 1 == 0)
        {
            return text.Plural("Duration.Hours", (int)duration.TotalHours);
        }

        return text.Plural("Duration.Minutes", (int)Math.Ceiling(duration.TotalMinutes));
    }

    /// <summary>
    /// Which of a person's accounts this is, for someone with two on one address: "Werknemer", or "Werkgever,
    /// Bouwbedrijf De Vries" when it has an organisation.
    /// </summary>
    public string AccountKind(AccountType type, string? organisation) =>
        string.IsNullOrWhiteSpace(organisation) ? text["AccountType." + type] : text["AccountKind.WithOrganisation", text["AccountType." + type], organisation];

    /// <summary>How to reach Sigma, as one line of plain text (emails); null when nothing is configured.</summary>
    public string? SupportLine()
    {
        var settings = support.Value;
        if (settings.IsEmpty)
        {
            return null;
        }

        string?[] parts = [settings.Email, settings.Phone, string.IsNullOrWhiteSpace(settings.Hours) ? null : text["Support.Hours", settings.Hours].Value];
        return $"{text["Support.Intro"]} {string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)))}";
    }

    /// <summary>"Chrome op Windows": the browser and system of a User-Agent, or what is known of them.</summary>
    public string Device(string? userAgent) => UserAgentSummary.Describe(userAgent) switch
    {
        ({ } browser, { } system) => text["Device.BrowserOnSystem", browser, system],
        ({ } browser, null) => browser,
        (null, { } system) => text["Device.BrowserOnSystem", text["Device.SomeBrowser"], system],
        _ => text["Device.Unknown"],
    };

    /// <summary>An IP address as stored, except this computer's own, which would read as a fault ("::1").</summary>
    public string Address(string? ipAddress) =>
        string.IsNullOrEmpty(ipAddress) ? text["Device.NoAddress"]
        : System.Net.IPAddress.TryParse(ipAddress, out var address) && System.Net.IPAddress.IsLoopback(address) ? text["Device.ThisComputer"]
        : ipAddress;

    /// <summary>A UTC moment in Dutch time (the portal's users are in the Netherlands), in the current culture.</summary>
    public string Moment(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Netherlands)
            .ToString("f", CultureInfo.CurrentCulture);

    /// <summary>Midnight of a Dutch calendar day, in UTC: what "from 1 March" means to an administrator.</summary>
    public DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Netherlands);

    private static TimeZoneInfo FindNetherlands()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
