using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Home;

/// <summary>The portal's start page for a signed-in account.</summary>
public sealed class HomeController(UserManager<PortalUser> users) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return View(new HomeViewModel
        {
            DisplayName = user.DisplayName,
            Email = user.Email ?? "",
            AccountType = user.AccountType,
            Organisation = user.Organisation,
        });
    }
}
