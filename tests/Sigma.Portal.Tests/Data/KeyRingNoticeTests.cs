using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Data;

/// <summary>The first start on the embedded default says calmly where the keys are, and what production needs instead.</summary>
public sealed class KeyRingNoticeTests
{
    [Fact]
    public async Task Development_WithoutACertificateConfigured_SaysItOnce()
    {
        await using var app = new LoggedPortal { Environment = "Development" };
        // As `dotnet run` starts: no certificate named, so one is made beside the database (the test's own folder).
        app.Settings.Remove("DataProtection:CertificatePath");
        await app.InitializeAsync();
        _ = app.Services;

        var notice = Assert.Single(app.Logs.Entries, e => e.Contains("made for this computer", StringComparison.Ordinal));
        Assert.StartsWith("Information", notice, StringComparison.Ordinal);
        Assert.Contains("DataProtection:CertificatePath", notice, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("No XML encryptor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithItsOwnCertificate_SaysNothingOfTheKind()
    {
        await using var app = new LoggedPortal();
        await app.InitializeAsync();
        _ = app.Services;

        Assert.NotEmpty(app.Logs.Entries);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains("made for this computer", StringComparison.Ordinal));
    }

    private sealed class LoggedPortal : PortalFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
