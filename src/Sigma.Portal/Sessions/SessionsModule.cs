using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Sigma.Portal.Sessions;

internal static class SessionsModule
{
    public static WebApplicationBuilder AddSessions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotations();
        services.AddSingleton<WakeSignal<SessionsEnded>>();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddPortalMeter<SessionMetrics>();
        services.AddScoped<UserSessions>();
        services.Configure<AuthenticationOptions>(authentication =>
            authentication.Schemes.Single(scheme => scheme.Name == IdentityConstants.ApplicationScheme).HandlerType = typeof(FreshSessionCookieHandler));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore, IOptions<SessionOptions>>((cookie, store, sessions) =>
            {
                cookie.SessionStore = store;
                cookie.ExpireTimeSpan = sessions.Value.IdleTimeout;
                cookie.SlidingExpiration = true;
            });
        return builder;
    }
}
