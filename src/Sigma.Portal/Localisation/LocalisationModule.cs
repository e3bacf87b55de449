using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Localisation;

internal static class LocalisationModule
{
    public static WebApplicationBuilder AddPortalLocalisation(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<AccountLanguage>();
        builder.Services.AddOptions<RequestLocalizationOptions>().Configure<AccountLanguage>((options, accountLanguage) =>
        {
            options.DefaultRequestCulture = new RequestCulture(PortalCultures.Dutch);
            options.SupportedCultures = [.. PortalCultures.All];
            options.SupportedUICultures = [.. PortalCultures.All];
            // Dutch unless the person chose otherwise, or their account speaks English: the browser's Accept-Language
            // does not decide.
            options.RequestCultureProviders = [.. accountLanguage.Providers()];
        });
        builder.Services.AddSingleton<IConfigureOptions<MvcOptions>, LocalisedBindingMessages>();
        builder.Services.AddSingleton<DisplayTexts>();
        builder.Services.AddOptionsWithValidateOnStart<SupportOptions>().BindConfiguration(SupportOptions.Section).ValidateDataAnnotations();
        return builder;
    }
}
