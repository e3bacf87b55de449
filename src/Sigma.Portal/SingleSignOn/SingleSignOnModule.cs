using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Server;
using Sigma.Portal.Sessions;
using Sigma.Portal.SingleSignOn.Applications;
using Sigma.Portal.SingleSignOn.Authorization;
using Sigma.Portal.SingleSignOn.Keys;
using Sigma.Portal.SingleSignOn.Logout;

namespace Sigma.Portal.SingleSignOn;

internal static class SingleSignOnModule
{
    public static WebApplicationBuilder AddSingleSignOn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<SingleSignOnOptions>().BindConfiguration(SingleSignOnOptions.Section).ValidateDataAnnotations();
        services.AddScoped<PortalApplications>();
        services.AddScoped<ISessionApplicationNames, SessionApplicationNames>();
        services.AddScoped<ApplicationRegistrar>();
        services.AddScoped<ApplicationLogos>();
        services.AddScoped<ApplicationSignIn>();
        services.AddPortalMeter<SingleSignOnMetrics>();
        services.AddSingleton<ProtocolRefusals>();
        services.AddSingleton<IPortalCommand, RegisterAppCommand>();
        services.AddSingleton<IPortalCommand, RotateSigningKeyCommand>();
        services.AddSingleton<LogoutTokens>();
        services.AddSingleton<SessionEndJob>();
        services.AddHostedService<SessionEndJobService>();
        // Logout tokens go to the addresses administrators registered, and nowhere a redirect would lead.
        services.AddHttpClient(SessionEndJob.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<ProviderPruneJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ProviderPruneJob>());
        services.AddSingleton<ApplicationOrigins>();
        services.AddHostedService(sp => sp.GetRequiredService<ApplicationOrigins>());
        services.AddSingleton<TokenKeys>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenKeys>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIddictServerOptions>, TokenKeys>(sp => sp.GetRequiredService<TokenKeys>()));

        // OpenIddict logs whole requests and responses (codes, tokens, reference identifiers) at Information and Debug:
        // warnings and errors only, whatever the configuration says. The portal's own messages say what happened.
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);

        var development = builder.Environment.IsDevelopment();
        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.UseEntityFrameworkCore().UseDbContext<PortalDbContext>().ReplaceDefaultEntities<Guid>();
                core.ReplaceApplicationManager<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication<Guid>, PortalApplicationManager>();
            })
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetRevocationEndpointUris("connect/revoke");
                // The code flow alone, with PKCE for every client: no implicit, hybrid, password or client-credentials grant.
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
                // Each refresh token works once: a second use, however soon, revokes every token of that sign-in.
                server.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                server.RegisterScopes(ProviderScopes.All);
                server.RegisterClaims("name", "email", "email_verified", "amr", "auth_time", "sid", ProviderScopes.AccountTypeClaim, ProviderScopes.OrganisationClaim);
                // Applications and APIs read access tokens as signed JWTs; they carry nothing the person's own ID token does not.
                server.DisableAccessTokenEncryption();
                FormPostScript.AllowOnFormPostPage(server);
                server.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler.UseSingletonHandler<ProtocolRefusals>());
                server.AddEventHandler<OpenIddictServerEvents.HandleJsonWebKeySetRequestContext>(handler => handler
                    .UseSingletonHandler<TokenKeys>()
                    .SetOrder(OpenIddictServerHandlers.Discovery.AttachSigningKeys.Descriptor.Order + 1_000));
                server.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler => handler.UseInlineHandler(static context =>
                {
                    // OpenID Connect Back-Channel Logout 1.0 §2.1: logout tokens are sent, and they carry the sid.
                    context.Metadata["backchannel_logout_supported"] = true;
                    context.Metadata["backchannel_logout_session_supported"] = true;
                    return default;
                }));
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (development)
                {
                    // Only on a developer's machine: everywhere else the provider answers https alone.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<SingleSignOnOptions>, IOptions<PortalOptions>, TimeProvider>(
            (server, settings, portal, time) =>
            {
                server.TimeProvider = time;
                server.Issuer = portal.Value.PublicBaseUrl;
                server.AuthorizationCodeLifetime = settings.Value.AuthorizationCodeLifetime;
                server.AccessTokenLifetime = settings.Value.AccessTokenLifetime;
                server.IdentityTokenLifetime = settings.Value.IdentityTokenLifetime;
                server.RefreshTokenLifetime = settings.Value.RefreshTokenLifetime;
                // Only what the portal supports is offered: no "plain" PKCE, no tokens in a URL fragment.
                server.CodeChallengeMethods.Remove(OpenIddict.Abstractions.OpenIddictConstants.CodeChallengeMethods.Plain);
                server.ResponseModes.Remove(OpenIddict.Abstractions.OpenIddictConstants.ResponseModes.Fragment);
            });
        services.AddOptions<OpenIddict.Core.OpenIddictCoreOptions>().Configure<TimeProvider>((core, time) => core.TimeProvider = time);
        // After OpenIddict's own post-configuration, which sets the keys it validates with from its signing credentials.
        services.AddSingleton<IPostConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<TokenKeys>());
        return builder;
    }
}
