namespace Sigma.Portal.Home;

internal static class HomeModule
{
    public static WebApplicationBuilder AddHome(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<HomePageQuery>();
        return builder;
    }
}
