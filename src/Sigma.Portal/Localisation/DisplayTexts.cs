using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Sigma.Portal.Localisation;

/// <summary>Durations and moments as people read them: "7 dagen", "26 november 2026 14:05" in Dutch time.</summary>
public sealed class DisplayTexts(IStringLocalizer<SharedText> text)
{
    private static readonly TimeZoneInfo Netherlands = FindNetherlands();

    public string Duration(TimeSpan duration)
    {
        if (duration.TotalDays >= 1 && duration.TotalDays % 1 == 0)
        {
            return Count((int)duration.TotalDays, "Duration.Day", "Duration.Days");
        }

        if (duration.TotalHours >= 1 && duration.TotalHours % 1 == 0)
        {
            return Count((int)duration.TotalHours, "Duration.Hour", "Duration.Hours");
        }

        return Count((int)Math.Ceiling(duration.TotalMinutes), "Duration.Minute", "Duration.Minutes");
    }

    /// <summary>A UTC moment in Dutch time (the portal's users are in the Netherlands), in the current culture.</summary>
    public string Moment(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Netherlands)
            .ToString("f", CultureInfo.CurrentCulture);

    /// <summary>Midnight of a Dutch calendar day, in UTC: what "from 1 March" means to an administrator.</summary>
    public DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Netherlands);

    private string Count(int count, string one, string many) => count == 1 ? text[one] : text[many, count];

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
