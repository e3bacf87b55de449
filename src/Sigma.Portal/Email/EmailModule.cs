using Sigma.Portal.Data.Email;

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
        services.AddCommittedRowsObserver<OutboxMessage, OutboxWakeUp>();
        services.AddCommittedRowsObserver<OutboxMessage, EmailMetrics>().AddPortalMeter<EmailMetrics>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<SmtpCheck>();
        services.AddScoped<OutboxWriter>();
        services.AddScoped<EmailRenderer>();
        services.AddScoped<DevMailbox>();

        services.AddHostedService<OutboxDispatcherService>();

        return builder;
    }
}
