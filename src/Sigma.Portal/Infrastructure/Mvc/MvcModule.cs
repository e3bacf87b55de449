using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Sigma.Portal.Infrastructure.Mvc;

internal static class MvcModule
{
    /// <summary>MVC with feature folders, global antiforgery, HEAD wherever GET, and localised validation messages.</summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="fallbackText">The resource class for models whose feature keeps no texts of its own.</param>
    public static WebApplicationBuilder AddPortalMvc(this WebApplicationBuilder builder, Type fallbackText)
    {
        var texts = new FeatureTextLocator(typeof(MvcModule).Assembly, fallbackText);
        builder.Services
            .AddControllersWithViews(options =>
            {
                // Every unsafe request carries a valid antiforgery token, the anonymous login form included.
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new PortalBusyFilter());
                options.Conventions.Add(new HeadAsGetConvention());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (type, factory) => factory.Create(texts.For(type)));

        builder.Services.Configure<RazorViewEngineOptions>(options =>
        {
            // Feature folders first (added by the expander), then the layout and partials shared by all features.
            options.ViewLocationFormats.Clear();
            options.ViewLocationFormats.Add(FeatureViewLocationExpander.SharedLocation);
            options.AreaViewLocationFormats.Clear();
            options.AreaViewLocationFormats.Add(FeatureViewLocationExpander.SharedLocation);
            options.ViewLocationExpanders.Add(new FeatureViewLocationExpander());
        });
        return builder;
    }
}
