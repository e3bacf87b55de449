using System.Globalization;

namespace Sigma.Portal.Localisation;

/// <summary>
/// Switches the current culture for a block of code, such as composing an email in the recipient's language while
/// handling a request in the administrator's, and restores it afterwards.
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CultureScope(CultureInfo culture)
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <param name="languageCode">"nl" or "en"; anything else means Dutch.</param>
    public static CultureScope For(string? languageCode) => new(PortalCultures.FromCode(languageCode) ?? PortalCultures.Dutch);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
