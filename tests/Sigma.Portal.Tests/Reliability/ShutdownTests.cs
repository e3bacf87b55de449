using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Reliability;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_StopsThePortalCleanly()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = TestFolder.Create();
        var port = FreePort();
        var smtp = await SmtpSink.Shared;
        var start = PortalProcess.StartInfo(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DataProtection__CertificatePath"] = TestCertificates.KeyRing,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Portal__PublicBaseUrl"] = "https://portal.test",
            ["AllowedHosts"] = "*",
            ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        }, []);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var healthy = await WaitUntilHealthyAsync(client, process, ct);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ct);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(45));
        await process.WaitForExitAsync(timeout.Token);
        var log = await output;

        Assert.True(healthy);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Application is shutting down", log, StringComparison.Ordinal);
        TestFolder.Delete(folder);
    }

    private static async Task<bool> WaitUntilHealthyAsync(HttpClient client, Process process, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 150 && !process.HasExited; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
