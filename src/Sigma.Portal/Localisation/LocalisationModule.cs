using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Localisation;

internal static class LocalisationModule
{
    public static WebApplicationBuilder AddPortalLocalisation(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddOptions<RequestLocalizationOptions>().Configure<PortalCookies>((options, cookies) =>
        {
            options.DefaultRequestCulture = new RequestCulture(PortalCultures.Dutch);
            options.SupportedCultures = [.. PortalCultures.All];
            options.SupportedUICultures = [.. PortalCultures.All];
            // Dutch unless the person chose otherwise: the browser's Accept-Language does not decide.
            options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = cookies.Language }];
        });
        builder.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalisedBindingMessages>();
        builder.Services.AddSingleton<DisplayTexts>();
        return builder;
    }
}
