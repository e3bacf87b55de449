using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Data.Audit;
using Sigma.Portal.Infrastructure.Mvc;

namespace Sigma.Portal.Accounts;

internal static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<AccountsOptions>().BindConfiguration(AccountsOptions.Section).ValidateDataAnnotations();
        services.AddIdentityCore<PortalUser>(options =>
            {
                // The Identity user name is derived from email and account type; people sign in with their email.
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "";
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedEmail = false;
                // PasswordPolicy holds the rules; Identity's composition rules stay off.
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
        services.RemoveAll<IPasswordValidator<PortalUser>>();
        services.AddSingleton<IPasswordValidator<PortalUser>>(sp => sp.GetRequiredService<PasswordPolicy>());
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<PasswordWorkOptions>>((options, work) =>
        {
            options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            options.IterationCount = work.Value.HashIterations;
        });
        services.AddSingleton<IPasswordHasher<PortalUser>, PortalPasswordHasher>();
        // Sessions live on the server and are revoked outright by sign-out, password changes, resets and deactivation;
        // the security stamp is checked again every few minutes as a second line. The refreshed principal keeps how the
        // person signed in (amr), which the claims factory cannot know.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(5);
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal is { } current && context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    identity.AddClaims(current.FindAll(ClaimTypes.AuthenticationMethod).Select(m => new Claim(m.Type, m.Value)));
                }

                return Task.CompletedTask;
            };
        });

        services.AddOptionsWithValidateOnStart<PasswordWorkOptions>().BindConfiguration(PasswordWorkOptions.Section).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<PasswordWorkOptions>, PasswordWorkOptionsValidator>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<AccountLinks>();
        services.AddScoped<AccountTokens>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<AccountCreator>();
        services.AddPortalMeter<SignInMetrics>();
        services.AddPortalMeter<PasswordWork>();
        services.AddCommittedRowsObserver<AuditEvent, AccountMetrics>().AddPortalMeter<AccountMetrics>();
        services.AddScoped<LockoutCounter>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AccountChoice>();
        services.AddScoped<AccountSignIn>();
        services.AddScoped<PasswordSetup>();
        services.AddScoped<LinkRequests>();
        services.AddScoped<LinkThrottle>();
        services.AddScoped<LinkRequestRecorder>();
        services.AddSingleton<LinkRequestDispatcher>();
        services.AddSingleton<WakeSignal<LinkRequestDispatcher>>();
        services.AddHostedService<LinkRequestDispatcherService>();
        services.AddSingleton<IPortalCommand, CreateAdminCommand>();
        services.AddOptions<CookieTempDataProviderOptions>().Configure<PortalCookies>((options, cookies) =>
        {
            options.Cookie.Name = cookies.TempData;
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<PortalCookies>((options, cookies) =>
            {
                options.Cookie.Name = cookies.Session;
                options.Cookie.SecurePolicy = cookies.SecurePolicy;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.HttpOnly = true;
                options.LoginPath = "/Account/Login";
                options.LogoutPath = "/Account/Logout";
                // Redirects stay relative: never built from the request's Host header.
                options.Events.OnRedirectToLogin = RelativeRedirect;
                // A refusal answers 403 where it happened (the error page is drawn by the status code pages), rather
                // than redirecting to an error address that would then have to answer 403 to anyone asking for it.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        services.AddAuthorizationBuilder()
            // Every page needs a signed-in account unless it says [AllowAnonymous]: a new page cannot be left open.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>
    /// The login page by its path alone, never built from the Host header; the page to come back to
    /// goes along only as <see cref="LocalRedirects"/> allows it, otherwise it is left off.
    /// </summary>
    private static Task RelativeRedirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        var redirect = context.RedirectUri;
        var queryStart = redirect.IndexOf('?', StringComparison.Ordinal);
        var page = queryStart < 0 ? redirect : redirect[..queryStart];
        if (Uri.TryCreate(page, UriKind.Absolute, out var absolute))
        {
            page = absolute.AbsolutePath;
        }

        var parameter = context.Options.ReturnUrlParameter;
        var returnUrl = queryStart < 0 ? null : QueryHelpers.ParseQuery(redirect[queryStart..]).GetValueOrDefault(parameter).ToString();
        var back = LocalRedirects.Location(returnUrl);
        context.Response.Redirect(back is null ? page : page + QueryString.Create(parameter, back));
        return Task.CompletedTask;
    }
}
