using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Home;

/// <summary>The portal's start page for a signed-in account.</summary>
public sealed class HomeController(UserManager<PortalUser> users, HomePageQuery page) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var model = Guid.TryParse(users.GetUserId(User), out var userId) ? await page.ForAsync(userId, ct) : null;
        return model is null ? Challenge() : View(model);
    }
}
