using Sigma.Portal.Data.Audit;

namespace Sigma.Portal.Audit;

internal static class AuditModule
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<AuditSearch>();
        builder.Services.AddSingleton<AuditDetails>();
        builder.Services.AddCommittedRowsObserver<AuditEvent, AuditToLog>();
        builder.Services.AddSingleton<AuditRetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditRetentionJob>());
        return builder;
    }
}
