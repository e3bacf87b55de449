using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Sigma.Portal.Infrastructure.Mvc;

namespace Sigma.Portal.Localisation;

/// <summary>The language switch in the layout: a plain form, so it works without JavaScript.</summary>
[AllowAnonymous]
[Route("language")]
public sealed class LanguageController(PortalCookies cookies, TimeProvider time) : Controller
{
    [HttpPost("")]
    public IActionResult Switch(LanguageInput input)
    {
        if (ModelState.IsValid && PortalCultures.FromCode(input.Language) is { } culture)
        {
            Response.Cookies.Append(
                cookies.Language,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    Expires = time.GetUtcNow().AddYears(1),
                    IsEssential = true,
                    HttpOnly = true,
                    Secure = cookies.Secure,
                    SameSite = SameSiteMode.Lax,
                    Path = "/",
                });
        }

        return this.RedirectToLocal(input.ReturnUrl);
    }
}
