namespace Sigma.Portal.Home;

internal static class HomeModule
{
    public static WebApplicationBuilder AddHome(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<HomePageReader>();
        return builder;
    }
}
