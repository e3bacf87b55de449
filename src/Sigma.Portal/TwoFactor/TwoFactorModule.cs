using Microsoft.AspNetCore.Authentication.Cookies;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Data.Audit;
using Sigma.Portal.TwoFactor.Authenticators;
using Sigma.Portal.TwoFactor.LostPhone;
using Sigma.Portal.TwoFactor.Passkeys;
using Sigma.Portal.TwoFactor.Recovery;
using Sigma.Portal.TwoFactor.Settings;
using Sigma.Portal.TwoFactor.SignIn;

namespace Sigma.Portal.TwoFactor;

internal static class TwoFactorModule
{
    public static WebApplicationBuilder AddTwoFactor(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<TwoFactorOptions>().BindConfiguration(TwoFactorOptions.Section).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<TwoFactorOptions>, TwoFactorOptionsValidator>();
        services.AddSingleton<AuthenticatorSecrets>();
        services.AddSingleton<TwoFactorPolicy>();
        services.AddCommittedRowsObserver<AuditEvent, TwoFactorMetrics>().AddPortalMeter<TwoFactorMetrics>();
        services.AddScoped<TotpVerifier>();
        services.AddScoped<RecoveryCodes>();
        services.AddScoped<TwoFactorEmails>();
        services.AddScoped<AuthenticatorEnrolment>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<TwoFactorSignIn>();
        services.AddScoped<AccessPasses>();
        services.AddScoped<TwoFactorReset>();
        services.AddSingleton<AccessPassExpiryJob>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessPassExpiryJob>());
        services.AddScoped<IAfterPassword>(sp => sp.GetRequiredService<TwoFactorSignIn>());
        services.AddScoped<Reauthentication>();
        services.AddScoped<TwoFactorOverview>();
        services.AddSingleton<PasskeyRelyingParty>();
        services.AddScoped<PasskeyCeremonies>();
        services.AddScoped<PasskeyRegistration>();
        services.AddScoped<PasskeySignIn>();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Identity.IdentityPasskeyOptions>>(sp => sp.GetRequiredService<PasskeyRelyingParty>());
        services.AddSingleton<ISignInWithoutPassword, PasskeyLoginOffer>();

        services.AddAuthentication().AddCookie(TwoFactorSchemes.PasswordVerified);
        services.AddOptions<CookieAuthenticationOptions>(TwoFactorSchemes.PasswordVerified)
            .Configure<PortalCookies>((options, cookies) =>
            {
                options.Cookie.Name = cookies.TwoFactor;
                options.Cookie.SecurePolicy = cookies.SecurePolicy;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.HttpOnly = true;
                options.SlidingExpiration = false;
                options.LoginPath = "/Account/Login";
                options.Events.OnRedirectToLogin = context =>
                {
                    // The password step expired: start again at the login page, without leaving the site.
                    context.Response.Redirect("/Account/Login");
                    return Task.CompletedTask;
                };
            });
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, TwoFactorGate>();
        return builder;
    }
}
