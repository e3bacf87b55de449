namespace Sigma.Portal.Tests.Infrastructure;

public sealed class ConfigurationTests
{
    [Fact]
    public async Task ProductionStart_WithoutPublicBaseUrl_FailsWithOneLineNamingTheKey()
    {
        var result = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Smtp__Host"] = "127.0.0.1" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(
            "Configuration error: Portal:PublicBaseUrl is required in Production (for example https://portal.example.nl).",
            result.Error.Trim());
    }

    [Fact]
    public async Task ProductionStart_WithSeveralKeysMissing_NamesEachOnOneLine()
    {
        var result = await StartAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DataProtection__CertificatePath"] = "" });

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Portal:PublicBaseUrl", line, StringComparison.Ordinal);
        Assert.Contains("Smtp:Host", line, StringComparison.Ordinal);
        Assert.Contains("DataProtection:CertificatePath", line, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task ProductionStart_WithoutAKeyRingCertificate_FailsNamingTheKey()
    {
        var result = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Portal__PublicBaseUrl"] = "https://portal.test",
            ["Smtp__Host"] = "127.0.0.1",
            ["DataProtection__CertificatePath"] = "",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("Configuration error: DataProtection:CertificatePath is required in Production", result.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionStart_WithPlainHttpPublicBaseUrl_FailsNamingTheKey()
    {
        var result = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Portal__PublicBaseUrl"] = "http://portal.test",
            ["Smtp__Host"] = "127.0.0.1",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Portal:PublicBaseUrl must use https in Production.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    [InlineData("Staging")]
    [Trait("Attack", "OfflineCracking")]
    public async Task Start_OutsideTheTestEnvironment_RefusesAPasswordHashCheaperThanProduction(string environment)
    {
        var result = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Portal__PublicBaseUrl"] = "https://portal.test",
            ["Smtp__Host"] = "127.0.0.1",
            ["PasswordWork__HashIterations"] = "209999",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(
            "Configuration error: PasswordWork:HashIterations must be at least 210000 (fewer only in the Test environment).",
            result.Error.Trim());
    }

    [Fact]
    public async Task Start_SqlServerWithoutConnectionString_FailsNamingTheKey()
    {
        var result = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Portal__PublicBaseUrl"] = "https://portal.test",
            ["Smtp__Host"] = "127.0.0.1",
            ["Database__Provider"] = "SqlServer",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ConnectionStrings:Portal is required when Database:Provider is SqlServer.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnreadableKeyRingCertificate_FailsNamingTheKey()
    {
        var result = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Portal__PublicBaseUrl"] = "https://portal.test",
            ["Smtp__Host"] = "127.0.0.1",
            ["DataProtection__CertificatePath"] = "/nonexistent/keyring.pfx",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("Configuration error: DataProtection:CertificatePath", result.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_LinkThrottleOutOfRange_FailsNamingTheKeys()
    {
        var result = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Portal__PublicBaseUrl"] = "https://portal.test",
            ["Smtp__Host"] = "127.0.0.1",
            ["Accounts__RequestedLinksPerHour"] = "0",
            ["Accounts__RequestedLinkInterval"] = "02:00:00",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Accounts:RequestedLinksPerHour must be between 1 and 60.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Accounts:RequestedLinkInterval must be between 0 and 1 hour.", result.Error, StringComparison.Ordinal);
    }

    private static Task<PortalProcess.Result> StartAsync(Dictionary<string, string> environment)
    {
        environment["ConnectionStrings__Portal"] = environment.ContainsKey("Database__Provider") ? "" : "Data Source=portal.db";
        environment.TryAdd("DataProtection__CertificatePath", TestCertificates.KeyRing);
        environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        return PortalProcess.RunAsync(environment, [], TestContext.Current.CancellationToken);
    }
}
