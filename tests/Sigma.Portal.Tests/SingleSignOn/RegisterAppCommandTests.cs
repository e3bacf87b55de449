using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.SingleSignOn;

/// <summary><c>register-app</c>, as an operator scripts an installation: the secret once, updates keep it, rotation replaces it.</summary>
public sealed class RegisterAppCommandTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task RegisterApp_PrintsTheSecretOnce_KeepsItOnUpdate_AndReplacesItOnRotation()
    {
        var ct = TestContext.Current.CancellationToken;
        var clientId = "uren-" + Guid.NewGuid().ToString("N")[..8];
        string[] arguments = ["--client-id", clientId, "--name", "Urenregistratie", "--redirect-uri", $"https://{clientId}.test/signin-oidc"];

        var created = await PortalProcess.RunCommandAsync(app, "register-app", arguments, ct);
        var updated = await PortalProcess.RunCommandAsync(app, "register-app", [.. arguments, "--start-url", $"https://{clientId}.test/"], ct);
        var first = Secret(created.Output);
        var afterUpdate = await SecretAcceptedAsync(clientId, first, ct);
        var rotated = await PortalProcess.RunCommandAsync(app, "register-app", [.. arguments, "--rotate-secret"], ct);
        var second = Secret(rotated.Output);

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(0, updated.ExitCode);
        Assert.DoesNotContain("client_secret:", updated.Output, StringComparison.Ordinal);
        Assert.True(afterUpdate);
        Assert.NotEqual(first, second);
        Assert.False(await SecretAcceptedAsync(clientId, first, ct));
        Assert.True(await SecretAcceptedAsync(clientId, second, ct));
    }

    [Theory]
    [InlineData("http://uren.example.nl/signin-oidc")]
    [InlineData("https://uren.example.nl/signin-oidc#x")]
    [InlineData("https://user:pass@uren.example.nl/signin-oidc")]
    [InlineData("javascript:alert(1)")]
    public async Task RegisterApp_WithAnUnsafeRedirectUri_RegistersNothing(string redirect)
    {
        var ct = TestContext.Current.CancellationToken;
        var clientId = "bad-" + Guid.NewGuid().ToString("N")[..8];

        var result = await PortalProcess.RunCommandAsync(app, "register-app", ["--client-id", clientId, "--name", "Onveilig", "--redirect-uri", redirect], ct);

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("client_secret:", result.Output, StringComparison.Ordinal);
        Assert.Null(await app.WithScopeAsync(services =>
            services.GetRequiredService<Sigma.Portal.SingleSignOn.Applications.PortalApplications>().FindAsync(clientId, ct)));
    }

    private static string Secret(string output) =>
        output.Split('\n').Single(line => line.StartsWith("client_secret: ", StringComparison.Ordinal))["client_secret: ".Length..].Trim();

    private Task<bool> SecretAcceptedAsync(string clientId, string secret, CancellationToken ct) =>
        TestApplication.SecretAcceptedAsync(app, clientId, secret, ct);
}
