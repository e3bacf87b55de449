using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sigma.Portal.Infrastructure.Hosting;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// The real portal over in-memory HTTP, in the Test environment (Production's rules, a cheap password hash), on its
/// own temporary SQLite file, with a fake clock. Requests go to https://portal.test, the configured public address, so
/// Secure cookies and HSTS behave as deployed.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly Uri PublicBaseUrl = new("https://portal.test");

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly bool _ownsFolder;

    public PortalFactory()
        : this(TestFolder.Create(), ownsFolder: true)
    {
    }

    private PortalFactory(string folder, bool ownsFolder)
    {
        _ownsFolder = ownsFolder;
        Folder = folder;
        ClientOptions.BaseAddress = PublicBaseUrl;
        ClientOptions.AllowAutoRedirect = false;
        Settings["ConnectionStrings:Portal"] = new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();
        Settings["Database:DataDirectory"] = folder;
        Settings["DataProtection:CertificatePath"] = TestCertificates.KeyRing;
        Settings["Portal:PublicBaseUrl"] = PublicBaseUrl.ToString();
    }

    public string Folder { get; }

    /// <summary>Factories on one folder share one database, as several instances of the portal would.</summary>
    public static PortalFactory OnFolder(string folder) => new(folder, ownsFolder: false);

    public string DatabasePath => Path.Combine(Folder, "portal.db");

    /// <summary>Starts at the real time so Data Protection's own key dates and the portal's clock agree.</summary>
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    /// <summary>
    /// The password-hash cost in the Test environment, chosen through the setting Production uses: the suite signs in
    /// hundreds of times, and what it proves does not depend on the cost. Any other environment keeps the real one.
    /// </summary>
    public const int TestHashIterations = 1_000;

    public string Environment { get; set; } = PortalEnvironments.Test;

    /// <summary>Where the portal sends mail; the shared sink unless a test brings its own (for outages).</summary>
    public SmtpSink? Smtp { get; set; }

    /// <summary>
    /// Without the background dispatchers (the outbox's, the link requests' and the session-end job's) and the
    /// instance's reports for the Status page, so a test that runs <c>DispatchDueAsync</c>, <c>HandleDueAsync</c> or
    /// <c>RunOnceAsync</c> cycle by cycle sees only its own cycles (and its own SQL). The dispatchers are the portal's.
    /// </summary>
    public bool ManualDispatch { get; set; }

    /// <summary>
    /// The system clock instead of <see cref="Clock"/>: for measurements of what waits on time (the password step's
    /// pace), never for tests.
    /// </summary>
    public bool SystemClock { get; set; }

    /// <summary>Keeps what the console logger prints, as <see cref="Infrastructure.ConsoleLines"/> (set the formatter in Settings).</summary>
    public bool CaptureConsole { get; set; }

    public ConsoleLines ConsoleLines => ConsoleLines.Of(this);

    /// <summary>Services a test adds or replaces, after the portal's own (instead of a factory of its own).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>Configuration for this instance; change it before the first request.</summary>
    public IDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environment);
        if (Environment == PortalEnvironments.Test)
        {
            builder.UseSetting("PasswordWork:HashIterations", TestHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (!SystemClock)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            services.AddSingleton<IStartupFilter, TestClientAddress>();
            if (CaptureConsole)
            {
                ConsoleLines.AddTo(services);
            }

            TestServices?.Invoke(services);

            if (ManualDispatch)
            {
                foreach (var background in new[] { typeof(Sigma.Portal.Email.OutboxDispatcherService), typeof(Sigma.Portal.Accounts.Links.LinkRequestDispatcherService), typeof(Sigma.Portal.SingleSignOn.Logout.SessionEndJobService), typeof(Sigma.Portal.Administration.Status.InstanceHeartbeat) })
                {
                    services.Remove(services.Single(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType == background));
                }
            }
        });
    }

    /// <summary>Points the portal at its SMTP sink; xunit calls this for fixtures, tests call it for their own factories.</summary>
    public async ValueTask InitializeAsync()
    {
        Smtp ??= await SmtpSink.Shared;
        Settings["Smtp:Host"] = "127.0.0.1";
        Settings["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Smtp:Security"] = "None";
    }

    /// <summary>A browser of its own: its own cookies, its own client address, no automatic redirects.</summary>
    public PortalBrowser NewBrowser()
    {
        var cookies = new CookieContainer();
        var client = CreateDefaultClient(PublicBaseUrl, new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, TestClientAddress.NewAddress().ToString());
        return new PortalBrowser(client, cookies);
    }

    /// <summary>A client that sends exactly the cookies given, as an attacker replaying a copied cookie would.</summary>
    public async Task<HttpResponseMessage> GetWithCookiesAsync(string path, string cookieHeader, CancellationToken ct)
    {
        using var client = CreateDefaultClient(PublicBaseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request, ct);
    }

    /// <summary>Runs a service of the portal in its own scope, as a request would.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (_ownsFolder)
        {
            TestFolder.Delete(Folder);
        }
    }
}
