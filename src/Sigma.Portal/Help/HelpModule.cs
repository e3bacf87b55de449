namespace Sigma.Portal.Help;

internal static class HelpModule
{
    public static WebApplicationBuilder AddHelp(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<HelpOptions>().BindConfiguration(HelpOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<ArticleStore>();
        builder.Services.AddSingleton<ArticleSearch>();
        builder.Services.AddScoped<HelpComments>();
        return builder;
    }
}
