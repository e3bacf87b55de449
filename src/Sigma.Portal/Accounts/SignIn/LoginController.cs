using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// Signing in with email and password (the button "Inloggen"), the account chooser, and signing out. A correct
/// password leads to the step that follows it (<see cref="IAfterPassword"/>: the second factor), never straight into
/// the portal.
/// </summary>
[Route("Account")]
public sealed class LoginController(
    PasswordSignIn passwords,
    AccountChoice choice,
    AccountSignIn signIn,
    IAfterPassword afterPassword,
    ISignInWithoutPassword withoutPassword,
    AccountLanguage language,
    IStringLocalizer<AccountsText> text) : Controller
{
    /// <summary>TempData keys that carry the login name, a notice and a problem from other pages to the login page.</summary>
    internal const string PrefillEmail = "Login.Email";
    internal const string Notice = "Login.Notice";
    internal const string Failure = "Login.Problem";

    [AllowAnonymous]
    [HttpGet("Login")]
    public IActionResult Login(string? returnUrl) => LoginView(new LoginViewModel
    {
        Email = TempData[PrefillEmail] as string ?? "",
        NoticeKey = TempData[Notice] as string,
        ProblemKey = TempData[Failure] as string,
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
                return await SecondStepAsync(check.Accounts[0], input.ReturnUrl, ct);
            }

            if (check.Accounts.Count > 1)
            {
                choice.Offer(HttpContext, check.Accounts);
                return View("ChooseAccount", new ChooseAccountViewModel { AccountTypes = [.. check.Accounts.Select(a => a.AccountType)], ReturnUrl = input.ReturnUrl });
            }

            // One message for every failure: it never tells whether the address has an account or is locked.
            ModelState.AddModelError("", text["Login.Failed"]);
        }

        return LoginView(new LoginViewModel { Email = input.Email, ReturnUrl = input.ReturnUrl });
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
            return RedirectToAction(nameof(Login), new { returnUrl = LocalRedirects.Location(input.ReturnUrl) });
        }

        return await SecondStepAsync(account, input.ReturnUrl, ct);
    }

    private ViewResult LoginView(LoginViewModel model) => View("Login", model with { WithoutPassword = withoutPassword.Form(HttpContext) });

    // From the password step on, the pages speak the account's language (unless the person chose one).
    private async Task<IActionResult> SecondStepAsync(PortalUser account, string? returnUrl, CancellationToken ct) =>
        language.Follow(HttpContext, account.PreferredLanguage, LocalRedirect(await afterPassword.BeginAsync(HttpContext, account, returnUrl, ct)));

    [HttpPost("Logout")]
    public async Task<IActionResult> Logout(CancellationToken ct)
    {
        await signIn.SignOutAsync(User, ct);
        TempData[Notice] = "Login.SignedOut";
        return RedirectToAction(nameof(Login));
    }
}
