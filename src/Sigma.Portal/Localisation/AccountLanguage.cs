using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Localisation;

/// <summary>
/// The account's own language, for the pages of a person who has not chosen one with the switch: from the page an
/// activation or reset link opens, and from the password step on. It is kept in a cookie of its own, below the
/// switch's: whatever the person chose with the switch wins.
/// </summary>
public sealed class AccountLanguage(PortalCookies cookies)
{
    /// <summary>The request-culture providers in order: the switch, then the account.</summary>
    public IEnumerable<IRequestCultureProvider> Providers() =>
    [
        new CookieRequestCultureProvider { CookieName = cookies.Language },
        new CookieRequestCultureProvider { CookieName = cookies.AccountLanguage },
    ];

    /// <summary>
    /// Follows the account's language from here on, and answers this request in it; a person's own choice stays.
    /// </summary>
    public IActionResult Follow(HttpContext http, string? language, IActionResult result)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies.ContainsKey(cookies.Language) || PortalCultures.FromCode(language) is not { } culture)
        {
            return result;
        }

        http.Response.Cookies.Append(cookies.AccountLanguage, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
        {
            IsEssential = true,
            HttpOnly = true,
            Secure = cookies.Secure,
            SameSite = SameSiteMode.Lax,
            Path = "/",
        });
        return new InLanguage(result, PortalCultures.Code(culture));
    }

    /// <summary>Runs a result (a view, a redirect) in a language other than the one the request came in with.</summary>
    private sealed class InLanguage(IActionResult inner, string language) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            using var scope = CultureScope.For(language);
            await inner.ExecuteResultAsync(context);
        }
    }
}
