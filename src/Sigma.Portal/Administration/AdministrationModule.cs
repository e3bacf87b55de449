using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Administration.Import;
using Sigma.Portal.Administration.Mail;
using Sigma.Portal.Administration.Status;

namespace Sigma.Portal.Administration;

internal static class AdministrationModule
{
    public static WebApplicationBuilder AddAdministration(this WebApplicationBuilder builder)
    {
        // Administrators in a session completed with a second factor; nobody else reaches the console.
        builder.Services.AddAuthorizationBuilder().AddPolicy(PortalPolicies.Administrator, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(PortalClaims.AdministratorRole)
            .RequireClaim(ClaimTypes.AuthenticationMethod, SignInMethod.MultiFactor)
            .AddRequirements(new AdministratorPasskeyRequirement()));
        builder.Services.AddSingleton<IAuthorizationHandler, AdministratorPasskeyHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AdministratorPasskeyGate>();
        builder.Services.AddScoped<DeadLetters>();
        builder.Services.AddScoped<StatusReader>();
        builder.Services.AddSingleton<ThisInstance>();
        builder.Services.AddHostedService<InstanceHeartbeat>();
        builder.Services.AddScoped<AccountDirectory>();
        builder.Services.AddScoped<AccountDetailsReader>();
        builder.Services.AddScoped<AccountDeactivation>();
        builder.Services.AddScoped<AccountUnlock>();
        builder.Services.AddScoped<AccountEditor>();
        builder.Services.AddScoped<CsvInvitations>();
        builder.Services.AddSingleton<IPortalCommand, SeedDemoCommand>();
        return builder;
    }
}
