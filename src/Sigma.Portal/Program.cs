using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts;
using Sigma.Portal.Infrastructure;
using Sigma.Portal.Infrastructure.Data;
using Sigma.Portal.Infrastructure.DataProtection;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.Infrastructure.Security;
using Sigma.Portal.Localisation;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddPortalCore()
        .AddPortalDatabase()
        .AddPortalDataProtection()
        .AddPortalSecurity()
        .AddPortalLocalisation()
        .AddPortalMvc(typeof(SharedText))
        .AddAccounts();

    var app = builder.Build();
    app.UsePortalSecurity();
    app.UsePortalStaticFiles();
    app.UseRouting();
    app.UseRequestLocalization();
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapControllers();
    app.MapHealthChecks("/health").AllowAnonymous();
    // An unknown address is a plain 404 for everyone, rendered by the status code pages.
    app.MapFallback("{*path}", context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }).AllowAnonymous();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is OptionsValidationException or ConfigurationException)
{
    // A bad deployment fails on boot with the keys to fix, not with a stack trace.
    var failures = e is OptionsValidationException validation ? validation.Failures : [e.Message];
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", failures));
    return 1;
}
