using System.Net;

namespace Sigma.Portal.Tests.Infrastructure;

public sealed class HealthTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Health_DatabaseAnswers_Is200WithStatusOnly()
    {
        var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
