using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.SingleSignOn.Applications;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Home;

/// <summary>"Mijn applicaties": after Inloggen, a tile per application the account may open, or a friendly empty state.</summary>
public sealed class MyApplicationsTests
{
    [Fact]
    public async Task StartPage_WithoutApplications_SaysWhereTheyWillComeFrom()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();
        var account = await new AccountBuilder(app).WithAuthenticatorAsync(ct);

        var home = await app.NewBrowser().SignInAsync(app, account, ct);

        Assert.Equal("Mijn applicaties", home.Text("#applications"));
        Assert.StartsWith("Uw werkgever of Sigma zet hier uw applicaties klaar", home.Text(".empty-state"), StringComparison.Ordinal);
        Assert.Equal("Aan", home.Document.QuerySelectorAll(".summary dd")[^1].TextContent.Trim());
    }

    [Fact]
    public async Task StartPage_ShowsATilePerApplicationTheAccountTypeMayOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = new PortalFactory();
        await app.InitializeAsync();
        var employee = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var payslips = await TestApplication.RegisterAsync(app, "Loonstroken", ct, new HashSet<Sigma.Portal.Data.Accounts.AccountType> { Sigma.Portal.Data.Accounts.AccountType.Employee });
        await TestApplication.RegisterAsync(app, "Inleenoverzicht", ct, new HashSet<Sigma.Portal.Data.Accounts.AccountType> { Sigma.Portal.Data.Accounts.AccountType.Employer });
        var old = await TestApplication.RegisterAsync(app, "Oud systeem", ct);
        await app.WithScopeAsync(services => services.GetRequiredService<ApplicationRegistrar>().SetDisabledAsync(old.ClientId, disabled: true, actorId: null, ct));

        var home = await app.NewBrowser().SignInAsync(app, employee, ct);

        var tiles = home.Document.QuerySelectorAll(".tile__link").Select(a => (Name: a.QuerySelector(".tile__name")!.TextContent, Href: a.GetAttribute("href"))).ToList();
        Assert.Equal([("Loonstroken", $"https://{payslips.ClientId}.test/")], tiles);
        Assert.False(home.Has(".empty-state"));
    }
}
