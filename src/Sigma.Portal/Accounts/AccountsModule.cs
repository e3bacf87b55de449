using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Infrastructure.Security;

namespace Sigma.Portal.Accounts;

internal static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<PortalUser>(options =>
            {
                // The Identity user name is derived from email and account type; people sign in with their email.
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "";
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedEmail = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<PortalCookies>((options, cookies) =>
            {
                options.Cookie.Name = cookies.Session;
                options.Cookie.SecurePolicy = cookies.SecurePolicy;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.HttpOnly = true;
                options.LoginPath = "/Account/Login";
                options.LogoutPath = "/Account/Logout";
                options.AccessDeniedPath = "/error/403";
                options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                options.SlidingExpiration = true;
            });

        services.AddAuthorizationBuilder()
            // Every page needs a signed-in account unless it says [AllowAnonymous]: a new page cannot be left open.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalClaims.AdministratorRole, policy => policy.RequireRole(PortalClaims.AdministratorRole));
        return builder;
    }
}
