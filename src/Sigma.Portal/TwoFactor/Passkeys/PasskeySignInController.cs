using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.Localisation;
using Sigma.Portal.TwoFactor.SignIn;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>
/// "Inloggen met passkey" on the login page (no password, no code: a passkey with user verification is both factors),
/// and a passkey instead of the code at the code step. portal.js asks for the options and posts the device's answer with
/// the form; every request counts toward the same per-client limit as passwords and codes.
/// </summary>
public sealed class PasskeySignInController(
    PasskeySignIn passkeys,
    PasskeyRelyingParty relyingParty,
    TwoFactorSignIn signIn,
    AccountLanguage language) : Controller
{
    [AllowAnonymous]
    [HttpPost("Account/Passkey/Options")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public Task<IActionResult> Options(CancellationToken ct) => OptionsAsync(null, ct);

    [AllowAnonymous]
    [HttpPost("Account/Passkey")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> SignIn(PasskeyAnswerInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid || await passkeys.VerifyAsync(input.Ceremony, input.Credential, null, HttpContext, ct) is not { } account)
        {
            TempData[LoginController.Failure] = "Login.PasskeyFailed";
            return RedirectToAction(nameof(LoginController.Login), "Login", new { returnUrl = LocalRedirects.Location(input.ReturnUrl) });
        }

        await signIn.CompleteAsync(HttpContext, account, SignInMethod.Passkey, ct);
        return language.Follow(HttpContext, account.PreferredLanguage, this.RedirectToLocal(input.ReturnUrl));
    }

    [Authorize(AuthenticationSchemes = TwoFactorSchemes.PasswordVerified)]
    [PasswordVerifiedAccount]
    [HttpPost("TwoFactor/Passkey/Options")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public Task<IActionResult> CodeStepOptions([CurrentAccount] PortalUser user, CancellationToken ct) => OptionsAsync(user, ct);

    [Authorize(AuthenticationSchemes = TwoFactorSchemes.PasswordVerified)]
    [PasswordVerifiedAccount]
    [HttpPost("TwoFactor/Passkey")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> CodeStep([CurrentAccount] PortalUser user, PasskeyAnswerInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid || await passkeys.VerifyAsync(input.Ceremony, input.Credential, user, HttpContext, ct) is null)
        {
            TempData[TwoFactorController.Failure] = "Passkeys.SignInFailed";
            return RedirectToAction(nameof(TwoFactorController.Verify), "TwoFactor", new { returnUrl = LocalRedirects.Location(input.ReturnUrl) });
        }

        await signIn.CompleteAsync(HttpContext, user, SignInMethod.PasswordAndPasskey, ct);
        return this.RedirectToLocal(input.ReturnUrl);
    }

    private async Task<IActionResult> OptionsAsync(PortalUser? user, CancellationToken ct)
    {
        if (!relyingParty.IsConfigured)
        {
            return NotFound();
        }

        var (ceremony, options) = await passkeys.BeginAsync(user, HttpContext, ct);
        return CeremonyOptions.For(ceremony, options);
    }
}

/// <summary>The device's answer to a sign-in ceremony, posted by portal.js with the form.</summary>
public sealed class PasskeyAnswerInput
{
    public Guid Ceremony { get; set; }

    [Required]
    [MaxLength(16_000)]
    public string Credential { get; set; } = "";

    public string? ReturnUrl { get; set; }
}
