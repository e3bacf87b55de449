using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.Infrastructure.Security;

namespace Sigma.Portal.Accounts;

/// <summary>Signing in with email and password (the button "Inloggen"), the account chooser, and signing out.</summary>
[Route("Account")]
public sealed class LoginController(
    PasswordSignIn passwords,
    AccountChoice choice,
    AccountSignIn signIn,
    IStringLocalizer<AccountsText> text) : Controller
{
    /// <summary>TempData keys that carry the login name and a notice from the password pages to the login page.</summary>
    internal const string PrefillEmail = "Login.Email";
    internal const string Notice = "Login.Notice";

    [AllowAnonymous]
    [HttpGet("Login")]
    public IActionResult Login(string? returnUrl) => View("Login", new LoginViewModel
    {
        Email = TempData[PrefillEmail] as string ?? "",
        NoticeKey = TempData[Notice] as string,
        ReturnUrl = returnUrl,
    });

    [AllowAnonymous]
    [HttpPost("Login")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> Login(LoginInput input, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var check = await passwords.CheckAsync(input.Email, input.Password, ct);
            if (check.Accounts.Count == 1)
            {
                await signIn.CompleteAsync(check.Accounts[0], ct);
                return this.RedirectToLocal(input.ReturnUrl);
            }

            if (check.Accounts.Count > 1)
            {
                choice.Offer(HttpContext, check.Accounts);
                return View("ChooseAccount", new ChooseAccountViewModel { AccountTypes = [.. check.Accounts.Select(a => a.AccountType)], ReturnUrl = input.ReturnUrl });
            }

            // One message for every failure: it never tells whether the address has an account or is locked.
            ModelState.AddModelError("", text["Login.Failed"]);
        }

        return View("Login", new LoginViewModel { Email = input.Email, ReturnUrl = input.ReturnUrl });
    }

    [AllowAnonymous]
    [HttpPost("ChooseAccount")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> ChooseAccount(ChooseAccountInput input, CancellationToken ct)
    {
        var account = await choice.TakeAsync(HttpContext, input.AccountType, ct);
        if (account is null)
        {
            TempData[Notice] = "Login.ChoiceExpired";
            return RedirectToAction(nameof(Login), new { returnUrl = input.ReturnUrl });
        }

        await signIn.CompleteAsync(account, ct);
        return this.RedirectToLocal(input.ReturnUrl);
    }

    [HttpPost("Logout")]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync(User);
        return RedirectToAction(nameof(Login));
    }
}
