using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// The real portal over in-memory HTTP, in Production mode, on its own temporary SQLite file, with a fake clock.
/// Requests go to https://portal.test, the configured public address, so Secure cookies and HSTS behave as deployed.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
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
        Settings["Portal:PublicBaseUrl"] = PublicBaseUrl.ToString();
    }

    public string Folder { get; }

    /// <summary>Factories on one folder share one database, as several instances of the portal would.</summary>
    public static PortalFactory OnFolder(string folder) => new(folder, ownsFolder: false);

    public string DatabasePath => Path.Combine(Folder, "portal.db");

    /// <summary>Starts at the real time so Data Protection's own key dates and the portal's clock agree.</summary>
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public string Environment { get; set; } = "Production";

    /// <summary>Configuration for this instance; change it before the first request.</summary>
    public IDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A browser of its own: its own cookies, no automatic redirects.</summary>
    public PortalBrowser NewBrowser() => new(CreateClient());

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
