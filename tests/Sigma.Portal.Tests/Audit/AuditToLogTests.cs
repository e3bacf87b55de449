using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Audit;

/// <summary>
/// Audit:WriteToLog: each committed audit event also goes to the log as one JSON line (Logging:Console:FormatterName=json)
/// with the audit table's fields, for a SIEM that reads the log stream; off by default.
/// </summary>
public sealed class AuditToLogTests
{
    private const int AuditEventId = 6100;

    [Fact]
    public async Task SignIn_WithWriteToLog_WritesEachOfItsAuditEventsOnce_WithTheTablesFields()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = Portal(writeToLog: true);
        await app.InitializeAsync();
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        await app.NewBrowser().PasswordStepAsync(account.Email, "not the password at all", ct);
        await app.NewBrowser().SignInAsync(app, account, ct);

        var rows = await app.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.UserId == account.Id).OrderBy(e => e.Id).ToListAsync(ct));
        var lines = app.ConsoleLines.Json.Where(l => l.GetProperty("EventId").GetInt32() == AuditEventId).Select(l => l.GetProperty("State")).ToList();

        Assert.Contains(rows, r => r.EventType == "SignInFailed");
        Assert.Contains(rows, r => r.EventType == "SignInSucceeded");
        Assert.Equal(rows.Select(r => r.Id), lines.Select(l => l.GetProperty("AuditId").GetInt64()));
        foreach (var (row, line) in rows.Zip(lines))
        {
            Assert.Equal(row.EventType, Text(line, "EventType"));
            Assert.Equal(row.UserId?.ToString(), Text(line, "UserId"));
            Assert.Equal(row.ActorId?.ToString(), Text(line, "ActorId"));
            Assert.Equal(row.Detail, Text(line, "Detail"));
            Assert.Equal(row.IpAddress, Text(line, "IpAddress"));
            Assert.Equal(row.UserAgent, Text(line, "UserAgent"));
            Assert.Equal(row.OccurredUtc, DateTime.Parse(Text(line, "OccurredUtc")!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
        }
    }

    [Fact]
    public async Task WithoutTheSetting_NoAuditEventIsWrittenToTheLog()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = Portal(writeToLog: false);
        await app.InitializeAsync();
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        await app.NewBrowser().SignInAsync(app, account, ct);

        Assert.NotEmpty(app.ConsoleLines.Json);
        Assert.DoesNotContain(app.ConsoleLines.Json, l => l.GetProperty("EventId").GetInt32() == AuditEventId);
    }

    private static PortalFactory Portal(bool writeToLog)
    {
        var app = new PortalFactory { CaptureConsole = true };
        app.Settings["Logging:Console:FormatterName"] = "json";
        app.Settings["Audit:WriteToLog"] = writeToLog ? "true" : "false";
        return app;
    }

    private static string? Text(JsonElement state, string name) =>
        state.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
}
