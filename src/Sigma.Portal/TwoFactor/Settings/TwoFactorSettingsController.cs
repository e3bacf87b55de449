using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Audit;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.Localisation;
using Sigma.Portal.TwoFactor.Authenticators;
using Sigma.Portal.TwoFactor.Recovery;
using Sigma.Portal.TwoFactor.SignIn;

namespace Sigma.Portal.TwoFactor.Settings;

/// <summary>
/// Settings → two-factor: when the authenticator was set up and last used, the recovery codes left, a new phone and
/// new recovery codes. Both changes need a fresh re-authentication (password plus code).
/// </summary>
[SignedInAccount]
[Route("Settings/TwoFactor")]
public sealed class TwoFactorSettingsController(
    TwoFactorOverview overview,
    AuditSearch audit,
    Reauthentication reauthentication,
    AuthenticatorEnrolment enrolment,
    RecoveryCodes recoveryCodes,
    DisplayTexts display,
    IStringLocalizer<TwoFactorText> text) : Controller
{
    private const string NewPhoneStep = "NewPhone";
    private const string RecoveryCodesStep = "RecoveryCodes";

    /// <summary>Where re-authentication goes on to for the passkeys page.</summary>
    public const string PasskeysStep = "Passkeys";
    private const string Notice = "TwoFactor.Notice";
    private const int RecentEvents = 10;

    [HttpGet("/Settings")]
    [HttpGet("")]
    public async Task<IActionResult> Index([CurrentAccount] PortalUser user, CancellationToken ct)
    {
        var settings = await overview.ForAsync(user.Id, TempData[Notice] as string, ct);
        return View("Settings", settings with { Events = await audit.RecentForAsync(user.Id, RecentEvents, ct) });
    }

    [HttpGet("Confirm")]
    public IActionResult Confirm(string next) => View("Confirm", new ReauthenticateInput { Next = Step(next) });

    [HttpPost("Confirm")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> Confirm([CurrentAccount] PortalUser user, ReauthenticateInput input, CancellationToken ct)
    {
        var next = Step(input.Next);
        var result = ModelState.IsValid ? await reauthentication.ConfirmAsync(HttpContext, user, input.Password, input.Code, ct) : SecondFactorResult.Refused;
        if (result.LockedUntil is { } until)
        {
            return View("LockedOut", new LockedOutViewModel(display.Moment(until.UtcDateTime)));
        }

        if (!result.Accepted)
        {
            ModelState.AddModelError("", text["Confirm.Failed"]);
            return View("Confirm", new ReauthenticateInput { Next = next });
        }

        if (next == RecoveryCodesStep)
        {
            var codes = await recoveryCodes.ReplaceAsync(user.Id, ct);
            reauthentication.End(HttpContext);
            return View("RecoveryCodes", new RecoveryCodesViewModel(codes, Url.Action(nameof(Index))));
        }

        return next == PasskeysStep ? RedirectToAction("Index", "Passkeys") : RedirectToAction(nameof(NewPhone));
    }

    [HttpGet("NewPhone")]
    public async Task<IActionResult> NewPhone([CurrentAccount] PortalUser user, CancellationToken ct)
    {
        if (!reauthentication.IsRecent(HttpContext, user))
        {
            return RedirectToAction(nameof(Confirm), new { next = NewPhoneStep });
        }

        return View("NewPhone", await NewPhoneViewAsync(user, ct));
    }

    [HttpPost("NewPhone")]
    [EnableRateLimiting(RateLimits.Credentials)]
    public async Task<IActionResult> NewPhone([CurrentAccount] PortalUser user, VerifyCodeInput input, CancellationToken ct)
    {
        if (!reauthentication.IsRecent(HttpContext, user))
        {
            return RedirectToAction(nameof(Confirm), new { next = NewPhoneStep });
        }

        var result = ModelState.IsValid ? await enrolment.ConfirmAsync(user, input.Code, replacing: true, ct) : EnrolmentResult.Refused;
        if (!result.Confirmed)
        {
            ModelState.AddModelError(nameof(VerifyCodeInput.Code), text["Code.Invalid"]);
            return View("NewPhone", await NewPhoneViewAsync(user, ct));
        }

        reauthentication.End(HttpContext);
        TempData[Notice] = "Settings.Replaced";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("NewPhone/Cancel")]
    public async Task<IActionResult> CancelNewPhone([CurrentAccount] PortalUser user, CancellationToken ct)
    {
        await enrolment.CancelAsync(user.Id, ct);
        reauthentication.End(HttpContext);
        TempData[Notice] = "Settings.Cancelled";
        return RedirectToAction(nameof(Index));
    }

    private async Task<SetupViewModel> NewPhoneViewAsync(PortalUser user, CancellationToken ct) => new()
    {
        Setup = await enrolment.PendingAsync(user, ct),
        Controller = "TwoFactorSettings",
        Action = nameof(NewPhone),
        NewPhone = true,
    };

    private static string Step(string? next) => next is RecoveryCodesStep or PasskeysStep ? next : NewPhoneStep;
}
