using Sigma.Portal.Accounts;
using Sigma.Portal.Administration;
using Sigma.Portal.Audit;
using Sigma.Portal.Email;
using Sigma.Portal.Help;
using Sigma.Portal.Home;
using Sigma.Portal.Infrastructure.DataProtection;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.Localisation;
using Sigma.Portal.Sessions;
using Sigma.Portal.SingleSignOn;
using Sigma.Portal.TwoFactor;

try
{
    var commandLine = CommandLine.Parse(args);
    var builder = WebApplication.CreateBuilder(commandLine.HostArguments);
    builder.AddPortalCore()
        .AddPortalTelemetry()
        .AddPortalDatabase()
        .AddPortalDataProtection()
        .AddPortalSecurity()
        .AddPortalLocalisation()
        .AddPortalMvc(typeof(SharedText))
        .AddEmail()
        .AddAudit()
        .AddAccounts()
        .AddSessions()
        .AddTwoFactor()
        .AddSingleSignOn()
        .AddAdministration()
        .AddHelp()
        .AddHome();
    builder.Services.AddPortalRateLimits();

    var app = builder.Build();
    if (commandLine.Command is not null)
    {
        // A command answers in the operator's language (LANG) when the portal has it, in Dutch otherwise: a bare
        // server's C locale would print resource names.
        using var language = CultureScope.For(PortalCultures.Code(System.Globalization.CultureInfo.CurrentUICulture));
        return await app.RunCommandAsync(commandLine);
    }

    app.UsePortalSecurity(errorPages: static app => app.UsePortalErrorPages());
    app.UsePortalStaticFiles();
    app.UseRouting();
    app.UseRequestLocalization();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();
    app.UsePortalRequestLimits();
    app.MapControllers();
    app.MapHealthChecks("/health").AllowAnonymous();
    // An unknown page is a plain 404 for everyone, rendered by the status code pages. Only for GET and HEAD, so a POST
    // to a page that exists for GET still gets routing's 405.
    app.MapFallback("{*path}", context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }).AllowAnonymous().WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (ConfigurationException.ProblemsIn(e) is { Count: > 0 } problems)
{
    // A bad deployment fails on boot with the keys to fix, not with a stack trace.
    await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", problems));
    return 1;
}
