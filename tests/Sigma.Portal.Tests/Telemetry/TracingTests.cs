using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Sigma.Portal.Email;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Telemetry;

/// <summary>
/// With OTLP on, a request is one trace with its database commands inside it, and handing an email to the SMTP server
/// is a span of its own; no span carries the person's address or a secret. The spans are read with OpenTelemetry's
/// in-memory exporter beside the OTLP one (whose collector is not there: it fails quietly).
/// </summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Request_IsOneTrace_WithItsDatabaseCommands_AndAnEmailSendIsASpanOfItsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        var spans = new Spans();
        await using var app = new PortalFactory
        {
            ManualDispatch = true,
            TestServices = services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)),
        };
        app.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9";
        app.Settings["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000";
        await app.InitializeAsync();
        var account = await new AccountBuilder(app).ActivatedAsync(ct);

        await app.NewBrowser().PasswordStepAsync(account.Email, account.Password!, ct);
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);

        // The server ends the request's span just after the answer has gone out.
        var seen = await SpansAsync(spans, s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST", StringComparison.Ordinal), ct);

        var signIn = Assert.Single(seen, s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        var commands = seen.Where(s => s.TraceId == signIn.TraceId && s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.True(c.StartTimeUtc >= signIn.StartTimeUtc && c.Parent is not null));
        var sends = seen.Where(s => s.Source.Name == "sigma.portal.email").ToList();
        Assert.Equal(["Activation"], sends.Select(s => s.GetTagItem("sigma.email.kind")));
        Assert.All(sends, s => Assert.Equal(ActivityKind.Client, s.Kind));
        foreach (var tag in seen.SelectMany(s => s.Tags))
        {
            Assert.DoesNotContain(account.Email, tag.Value ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(account.Password!, tag.Value ?? "", StringComparison.Ordinal);
        }
    }

    private static async Task<List<Activity>> SpansAsync(Spans spans, Func<Activity, bool> awaited, CancellationToken ct)
    {
        for (var wait = 0; wait < 100 && !spans.Copy().Any(awaited); wait++)
        {
            await Task.Delay(50, ct);
        }

        return spans.Copy();
    }

    /// <summary>What the exporter adds on the portal's threads, read on the test's.</summary>
    private sealed class Spans : System.Collections.ObjectModel.Collection<Activity>
    {
        public List<Activity> Copy()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
