using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sigma.Portal.Email;

internal static class EmailModule
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddOptionsWithValidateOnStart<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations();

        services.AddSingleton<WakeSignal<OutboxDispatcher>>();
        services.AddSingleton<OutboxSignalInterceptors>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<OutboxSignalInterceptors>().SaveChanges);
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<OutboxSignalInterceptors>().Transactions);
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<EmailRenderer>();
        services.AddScoped<DevMailbox>();

        services.AddHostedService<OutboxDispatcherService>();

        return builder;
    }
}
