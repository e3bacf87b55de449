using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Accounts.Links;

/// <summary>
/// The pages behind the links in emails — activation ("choose your password") and password reset — and the forms
/// that send a new link. Both kinds of link work the same way; only the purpose differs.
/// </summary>
[AllowAnonymous]
[Route("Account")]
public sealed class PasswordLinksController(
    AccountTokens tokens,
    PasswordSetup setup,
    LinkRequestRecorder linkRequests,
    UserManager<PortalUser> users,
    AccountLanguage language,
    IStringLocalizer<AccountsText> text) : Controller
{
    [HttpGet("Activate")]
    public Task<IActionResult> Activate(Guid user, string? token, CancellationToken ct) =>
        ShowFormAsync(AccountTokenPurpose.Activation, user, token, ct);

    [HttpPost("Activate")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public Task<IActionResult> Activate(SetPasswordInput input, CancellationToken ct) =>
        SetPasswordAsync(AccountTokenPurpose.Activation, input, ct);

    [HttpGet("ResetPassword")]
    public Task<IActionResult> ResetPassword(Guid user, string? token, CancellationToken ct) =>
        ShowFormAsync(AccountTokenPurpose.PasswordReset, user, token, ct);

    [HttpPost("ResetPassword")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public Task<IActionResult> ResetPassword(SetPasswordInput input, CancellationToken ct) =>
        SetPasswordAsync(AccountTokenPurpose.PasswordReset, input, ct);

    [HttpGet("ResendActivation")]
    public IActionResult ResendActivation() => View("RequestLink", new RequestLinkViewModel(AccountTokenPurpose.Activation));

    [HttpPost("ResendActivation")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public Task<IActionResult> ResendActivation(EmailAddressInput input, CancellationToken ct) =>
        RequestLinkAsync(AccountTokenPurpose.Activation, input, ct);

    [HttpGet("ForgotPassword")]
    public IActionResult ForgotPassword() => View("RequestLink", new RequestLinkViewModel(AccountTokenPurpose.PasswordReset));

    [HttpPost("ForgotPassword")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public Task<IActionResult> ForgotPassword(EmailAddressInput input, CancellationToken ct) =>
        RequestLinkAsync(AccountTokenPurpose.PasswordReset, input, ct);

    // The link's page speaks the account's language, unless the person chose one with the switch.
    private async Task<IActionResult> ShowFormAsync(AccountTokenPurpose purpose, Guid user, string? token, CancellationToken ct)
    {
        if (!await tokens.IsUsableAsync(user, token, purpose, ct))
        {
            return await LinkSpentAsync(purpose, user, token, ct);
        }

        var form = await FormAsync(purpose, user, token!);
        return language.Follow(HttpContext, form.Account?.PreferredLanguage, View("SetPassword", form));
    }

    // The page names the account the link belongs to: a person with two accounts on one address has two such links.
    private async Task<SetPasswordViewModel> FormAsync(AccountTokenPurpose purpose, Guid user, string token) =>
        new() { Purpose = purpose, User = user, Token = token, Account = await users.FindByIdAsync(user.ToString()) };

    // An activation link opened again after the password was chosen with it: the account is active, so sign in.
    private async Task<IActionResult> LinkSpentAsync(AccountTokenPurpose purpose, Guid user, string? token, CancellationToken ct) =>
        purpose == AccountTokenPurpose.Activation && await tokens.IsSpentActivationOfActiveAccountAsync(user, token, ct)
            ? View("AlreadyActive")
            : View("LinkExpired", new RequestLinkViewModel(purpose));

    private async Task<IActionResult> SetPasswordAsync(AccountTokenPurpose purpose, SetPasswordInput input, CancellationToken ct)
    {
        // The form again, naming its account, only for a working link.
        if (!await tokens.IsUsableAsync(input.User, input.Token, purpose, ct))
        {
            return await LinkSpentAsync(purpose, input.User, input.Token, ct);
        }

        if (!ModelState.IsValid)
        {
            // Every problem of the password at once: "not the same" does not hide "too short".
            foreach (var error in string.IsNullOrEmpty(input.Password) ? [] : await setup.ProblemsAsync(purpose, input.User, input.Token, input.Password, ct))
            {
                ModelState.AddModelError(nameof(SetPasswordInput.Password), text[error]);
            }

            return View("SetPassword", await FormAsync(purpose, input.User, input.Token ?? ""));
        }

        var result = await setup.SetAsync(purpose, input.User, input.Token, input.Password, ct);
        if (result.InvalidLink)
        {
            return await LinkSpentAsync(purpose, input.User, input.Token, ct);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.PasswordErrors)
            {
                ModelState.AddModelError(nameof(SetPasswordInput.Password), text[error]);
            }

            return View("SetPassword", await FormAsync(purpose, input.User, input.Token ?? ""));
        }

        TempData[LoginController.PrefillEmail] = result.Email;
        TempData[LoginController.Notice] = purpose == AccountTokenPurpose.Activation ? "Login.Activated" : "Login.PasswordReset";
        return RedirectToAction(nameof(LoginController.Login), "Login");
    }

    // The same answer, after the same work, whatever the address: the links are sent in the background.
    private async Task<IActionResult> RequestLinkAsync(AccountTokenPurpose purpose, EmailAddressInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View("RequestLink", new RequestLinkViewModel(purpose));
        }

        await linkRequests.RecordAsync(purpose, input.Email, ct);
        return View("LinkRequested", new RequestLinkViewModel(purpose));
    }
}
