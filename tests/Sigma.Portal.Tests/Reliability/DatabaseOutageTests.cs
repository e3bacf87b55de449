using System.Net;
using Microsoft.Data.Sqlite;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.Tests.Security;

namespace Sigma.Portal.Tests.Reliability;

public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task SqliteFileLocked_PagesAnswerAFriendly503_AndTheyRecoverWhenItIsReleased()
    {
        var ct = TestContext.Current.CancellationToken;
        // No background email dispatch: its next command would reopen a pooled connection while the lock is being taken.
        await using var app = new PortalFactory { ManualDispatch = true };
        app.Settings["Database:CommandTimeout"] = "00:00:01";
        await app.InitializeAsync();
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var browser = app.NewBrowser();
        await browser.SignInAsync(app, person, ct);
        var english = app.NewBrowser();
        var englishPage = await english.OpenAsync("/Account/Login", ct);
        await english.SubmitAsync(englishPage, "form.language-switch", new Dictionary<string, string> { ["Language"] = "en" }, ct);
        await english.SignInAsync(app, await new AccountBuilder(app).WithAuthenticatorAsync(ct), ct);

        Page home, englishLogin;
        HttpResponseMessage health;
        await using (var locker = await LockAsync(app.DatabasePath, ct))
        {
            home = await browser.OpenAsync("/", ct);
            englishLogin = await english.OpenAsync("/Settings", ct);
            health = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), ct);
        }

        var recovered = await browser.OpenAsync("/", ct);
        using var healthy = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, home.Status);
        Assert.Equal("Tijdelijk niet beschikbaar", home.Text("h1"));
        Assert.Equal("30", home.Response.Headers.RetryAfter?.ToString());
        SecurityHeadersTests.AssertSecurityHeaders(home.Response);
        Assert.DoesNotContain("Exception", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite", home.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, englishLogin.Status);
        Assert.Equal("Temporarily unavailable", englishLogin.Text("h1"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync(ct));
        Assert.Equal($"Welkom, {person.DisplayName}", recovered.Text("h1"));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        health.Dispose();
    }

    [Fact]
    public async Task SqlServerUnreachable_PagesAndHealthAnswer503WithoutDetails()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        app.Settings["Database:Provider"] = "SqlServer";
        app.Settings["ConnectionStrings:Portal"] = "Server=tcp:127.0.0.1,1;Database=SigmaPortal;User Id=sigma;Password=not-a-secret;Encrypt=false;Connect Timeout=2";
        app.Settings["Database:MigrateOnStartup"] = "false";
        app.Settings["Database:SqlServerRetries"] = "0";
        await app.InitializeAsync();

        var login = await app.NewBrowser().OpenAsync("/Account/Login", ct);
        using var health = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.Status);
        Assert.Equal("Tijdelijk niet beschikbaar", login.Text("h1"));
        Assert.DoesNotContain("SqlException", login.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", login.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    /// <summary>Another process holding the SQLite file exclusively, as a backup tool or a stuck writer would.</summary>
    private static async Task<SqliteConnection> LockAsync(string path, CancellationToken ct)
    {
        // An exclusive lock on a WAL database needs every idle pooled connection of the portal closed first.
        SqliteConnection.ClearAllPools();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        foreach (var statement in new[] { "PRAGMA locking_mode=EXCLUSIVE", "BEGIN EXCLUSIVE", "SELECT COUNT(*) FROM AspNetUsers" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteScalarAsync(ct);
        }

        return connection;
    }
}
