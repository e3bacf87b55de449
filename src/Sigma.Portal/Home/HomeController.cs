using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Home;

/// <summary>The portal's start page for a signed-in account.</summary>
public sealed class HomeController(HomePageReader page) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var model = User.FindAccountId() is { } userId ? await page.ForAsync(userId, ct) : null;
        return model is null ? Challenge() : View(model);
    }
}
