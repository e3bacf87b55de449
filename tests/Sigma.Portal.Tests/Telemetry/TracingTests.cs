using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Sigma.Portal.Data;
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

        // Every portal in this process shares the trace sources, so this browser's requests carry a trace of their own
        // (W3C traceparent, which the portal continues) and the email is known by its outbox id.
        var trace = ActivityTraceId.CreateRandom();
        var browser = app.NewBrowser();
        browser.Client.DefaultRequestHeaders.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        await browser.PasswordStepAsync(account.Email, account.Password!, ct);
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(ct);
        var outbox = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().OutboxMessages
            .Where(m => m.ToAddress == account.Email).Select(m => m.Id).ToListAsync(ct));

        bool IsSignIn(Activity s) => s.TraceId == trace && s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST", StringComparison.Ordinal);
        // The server ends the request's span just after the answer has gone out.
        var seen = await SpansAsync(spans, IsSignIn, ct);

        var signIn = Assert.Single(seen, IsSignIn);
        // The password step's database commands, inside its span.
        var commands = seen.Where(s => s.TraceId == trace && s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal)
            && s.StartTimeUtc >= signIn.StartTimeUtc && s.StartTimeUtc <= signIn.StartTimeUtc + signIn.Duration).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, c => Assert.NotEqual(default, c.ParentSpanId));
        var sends = seen.Where(s => s.Source.Name == "sigma.portal.email" && s.GetTagItem("sigma.email.id") is Guid id && outbox.Contains(id)).ToList();
        Assert.Equal(["Activation"], sends.Select(s => s.GetTagItem("sigma.email.kind")));
        Assert.All(sends, s => Assert.Equal(ActivityKind.Client, s.Kind));
        foreach (var value in seen.Where(s => s.TraceId == trace).Concat(sends).SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? ""))
        {
            Assert.DoesNotContain(account.Email, value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(account.Password!, value, StringComparison.Ordinal);
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
