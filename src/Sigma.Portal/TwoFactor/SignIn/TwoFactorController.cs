using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.Localisation;
using Sigma.Portal.TwoFactor.Authenticators;
using Sigma.Portal.TwoFactor.Passkeys;

namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>
/// The steps after a correct password: set up the authenticator (the first time), or enter its code or a recovery
/// code. Only the password-verified cookie reaches these pages; nothing else in the portal accepts it.
/// </summary>
[Authorize(AuthenticationSchemes = TwoFactorSchemes.PasswordVerified)]
[PasswordVerifiedAccount]
[Route("TwoFactor")]
public sealed class TwoFactorController(
    TwoFactorSignIn signIn,
    AuthenticatorEnrolment enrolment,
    SecondFactor secondFactor,
    TwoFactorPolicy policy,
    PasskeySignIn passkeys,
    DisplayTexts display,
    IStringLocalizer<TwoFactorText> text) : Controller
{
    internal const string HomeNotice = "Home.Notice";

    /// <summary>TempData key for what went wrong on another page of the step, such as a refused passkey.</summary>
    internal const string Failure = "TwoFactor.Problem";

    [HttpGet("Setup")]
    public async Task<IActionResult> Setup([CurrentAccount] PortalUser user, string? returnUrl, CancellationToken ct)
    {
        return await BlockedSetupAsync(user, returnUrl, ct) ?? await SetupViewAsync(user, returnUrl, ct);
    }

    [HttpPost("Setup")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> Setup([CurrentAccount] PortalUser user, VerifyCodeInput input, CancellationToken ct)
    {
        if (await BlockedSetupAsync(user, input.ReturnUrl, ct) is { } blocked)
        {
            return blocked;
        }

        var result = ModelState.IsValid ? await enrolment.ConfirmAsync(user, input.Code, replacing: false, ct) : EnrolmentResult.Refused;
        if (!result.Confirmed)
        {
            ModelState.AddModelError(nameof(VerifyCodeInput.Code), text["Code.Invalid"]);
            return await SetupViewAsync(user, input.ReturnUrl, ct);
        }

        await signIn.CompleteAsync(HttpContext, user, SignInMethod.PasswordAndCode, ct);
        return View("RecoveryCodes", new RecoveryCodesViewModel(result.RecoveryCodes ?? [], input.ReturnUrl));
    }

    [HttpGet("AccessPass")]
    public IActionResult AccessPass(string? returnUrl) => View("AccessPass", new CodeViewModel { ReturnUrl = returnUrl });

    [HttpPost("AccessPass")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> AccessPass([CurrentAccount] PortalUser user, AccessPassInput input, CancellationToken ct)
    {
        var result = ModelState.IsValid ? await secondFactor.CheckAccessPassAsync(user, input.AccessPass, ct) : SecondFactorResult.Refused;
        if (result.LockedUntil is { } until)
        {
            return View("LockedOut", new LockedOutViewModel(display.Moment(until.UtcDateTime)));
        }

        if (!result.Accepted)
        {
            ModelState.AddModelError(nameof(AccessPassInput.AccessPass), text["AccessPass.Invalid"]);
            return View("AccessPass", new CodeViewModel { ReturnUrl = input.ReturnUrl });
        }

        await signIn.GrantEnrolmentAsync(HttpContext, user);
        return RedirectToAction(nameof(Setup), new { returnUrl = LocalRedirects.Location(input.ReturnUrl) });
    }

    [HttpPost("Skip")]
    public async Task<IActionResult> Skip([CurrentAccount] PortalUser user, string? returnUrl, CancellationToken ct)
    {
        if (policy.Required)
        {
            return RedirectToAction(nameof(Setup), new { returnUrl = LocalRedirects.Location(returnUrl) });
        }

        await signIn.CompleteAsync(HttpContext, user, SignInMethod.PasswordOnly, ct);
        return this.RedirectToLocal(returnUrl);
    }

    /// <summary>Stops between password and code ("Afbreken"): the password step is forgotten, nobody is signed in.</summary>
    [HttpPost("Cancel")]
    public async Task<IActionResult> Cancel()
    {
        await signIn.CancelAsync(HttpContext);
        TempData[Accounts.SignIn.LoginController.Notice] = "Login.Cancelled";
        return RedirectToAction(nameof(Accounts.SignIn.LoginController.Login), "Login");
    }

    [HttpGet("Verify")]
    public async Task<IActionResult> Verify([CurrentAccount] PortalUser user, string? returnUrl, CancellationToken ct) =>
        View("Verify", await VerifyModelAsync(user, returnUrl, ct) with { ProblemKey = TempData[Failure] as string });

    [HttpPost("Verify")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> Verify([CurrentAccount] PortalUser user, VerifyCodeInput input, CancellationToken ct)
    {
        var result = ModelState.IsValid ? await secondFactor.CheckCodeAsync(user, input.Code, ct) : SecondFactorResult.Refused;
        return await OutcomeAsync(user, result, "Verify", "Code.Invalid", nameof(VerifyCodeInput.Code), input.ReturnUrl, ct);
    }

    [HttpGet("Recovery")]
    public IActionResult Recovery(string? returnUrl) => View("Recovery", new CodeViewModel { ReturnUrl = returnUrl });

    [HttpPost("Recovery")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> Recovery([CurrentAccount] PortalUser user, RecoveryCodeInput input, CancellationToken ct)
    {
        var result = ModelState.IsValid ? await secondFactor.CheckRecoveryCodeAsync(user, input.RecoveryCode, ct) : SecondFactorResult.Refused;
        return await OutcomeAsync(user, result, "Recovery", "Recovery.Invalid", nameof(RecoveryCodeInput.RecoveryCode), input.ReturnUrl, ct);
    }

    private async Task<IActionResult> OutcomeAsync(PortalUser user, SecondFactorResult result, string view, string errorKey, string field, string? returnUrl, CancellationToken ct)
    {
        if (result.LockedUntil is { } until)
        {
            return View("LockedOut", new LockedOutViewModel(display.Moment(until.UtcDateTime)));
        }

        if (!result.Accepted)
        {
            ModelState.AddModelError(field, text[errorKey]);
            return View(view, await VerifyModelAsync(user, returnUrl, ct));
        }

        await signIn.CompleteAsync(HttpContext, user, SignInMethod.PasswordAndCode, ct);
        if (result.RecoveryCodesLeft is { } left)
        {
            TempData[HomeNotice] = text.Plural("Recovery.Used", left).Value;
        }

        return this.RedirectToLocal(returnUrl);
    }

    /// <summary>
    /// With an authenticator already set up, a password alone never leads to a new one (enter its code instead); after
    /// an administrator's reset, only the access pass does.
    /// </summary>
    private async Task<IActionResult?> BlockedSetupAsync(PortalUser user, string? returnUrl, CancellationToken ct)
    {
        if (await enrolment.HasActiveAsync(user.Id, ct))
        {
            return RedirectToAction(nameof(Verify), new { returnUrl = LocalRedirects.Location(returnUrl) });
        }

        return TwoFactorSignIn.MayEnrol(User, user) ? null : RedirectToAction(nameof(AccessPass), new { returnUrl = LocalRedirects.Location(returnUrl) });
    }

    private async Task<CodeViewModel> VerifyModelAsync(PortalUser user, string? returnUrl, CancellationToken ct) => new()
    {
        ReturnUrl = returnUrl,
        AuthenticatorEntry = enrolment.EntryName(user),
        PasskeyOffered = await passkeys.OfferedAsync(user.Id, ct),
    };

    private async Task<IActionResult> SetupViewAsync(PortalUser user, string? returnUrl, CancellationToken ct) =>
        View("Setup", new SetupViewModel
        {
            Setup = await enrolment.PendingAsync(user, ct),
            Controller = "TwoFactor",
            Action = nameof(Setup),
            Skippable = !policy.Required,
            ReturnUrl = returnUrl,
        });
}
