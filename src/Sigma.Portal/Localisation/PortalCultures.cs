using System.Globalization;

namespace Sigma.Portal.Localisation;

/// <summary>The portal speaks Dutch, and English on request.</summary>
public static class PortalCultures
{
    public static CultureInfo Dutch { get; } = CultureInfo.GetCultureInfo("nl-NL");

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-GB");

    public static IReadOnlyList<CultureInfo> All { get; } = [Dutch, English];

    /// <summary>The two-letter code stored on an account and used by the language switch: "nl" or "en".</summary>
    public static string Code(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" ? "en" : "nl";
    }

    public static CultureInfo? FromCode(string? code) => code switch
    {
        "nl" => Dutch,
        "en" => English,
        _ => null,
    };
}
