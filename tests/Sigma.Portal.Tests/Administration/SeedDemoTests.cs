using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Data;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Administration;

/// <summary>
/// The load tool's accounts come from <c>seed-demo</c>, run as the real executable on the portal's database. It writes
/// working credentials, so it refuses to run outside Development unless told explicitly.
/// </summary>
public sealed class SeedDemoTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SeedDemo_InProductionWithoutTheFlag_IsRefusedAndCreatesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = Path.Combine(app.Folder, "refused.csv");
        var before = await DemoAccountsAsync(ct);

        var result = await RunAsync(ct, "--users", "5", "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--i-know-this-is-not-production", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Equal(before, await DemoAccountsAsync(ct));
    }

    [Fact]
    public async Task SeedDemo_WithTheFlag_WritesAccountsThatSignInWithTheirPasswordAndCode()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = Path.Combine(app.Folder, "users.csv");

        var result = await RunAsync(ct, "--users", "3", "--out", output, "--i-know-this-is-not-production");
        var lines = await File.ReadAllLinesAsync(output, ct);
        var (email, password, secret) = lines[2].Split(',') switch { var f => (f[0], f[1], f[2]) };
        var browser = app.NewBrowser();
        var codePage = await browser.PasswordStepAsync(email, password, ct);
        var home = await browser.EnterCodeAsync(app, codePage, secret, ct);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("email,password,totpSecret", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(3, lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Count());
        Assert.Equal(3, lines.Skip(1).Select(l => l.Split(',')[2]).Distinct().Count());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        }

        Assert.Equal("Welkom, Demo 000001", home.Text("h1"));
    }

    [Fact]
    public async Task SeedDemo_OnAServerWithoutALanguage_ReportsInDutch()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = Path.Combine(app.Folder, "c-locale.csv");

        // C.UTF-8 is what a container or a bare server has; the portal's default language is Dutch, not resource names.
        var result = await PortalProcess.RunCommandAsync(app, "seed-demo", ["--users", "2", "--out", output, "--i-know-this-is-not-production"], ct, locale: "C.UTF-8");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 demo-accounts aangemaakt", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SeedDemo.", result.Output, StringComparison.Ordinal);
    }

    private Task<int> DemoAccountsAsync(CancellationToken ct) => app.WithScopeAsync(services =>
        services.GetRequiredService<PortalDbContext>().Users.CountAsync(u => u.Email!.EndsWith("@demo.example"), ct));

    private Task<PortalProcess.Result> RunAsync(CancellationToken ct, params string[] arguments) =>
        PortalProcess.RunCommandAsync(app, "seed-demo", arguments, ct);
}
