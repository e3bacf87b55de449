using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Infrastructure.Mvc;
using Sigma.Portal.TwoFactor.Settings;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>
/// Settings → passkeys: the list, and adding, renaming and removing one, after the same re-authentication as a new phone.
/// Adding needs the browser's WebAuthn (portal.js asks for the options, lets the device make the key and posts its
/// answer with the form); everything else is a plain form.
/// </summary>
[SignedInAccount]
[Route("Settings/Passkeys")]
public sealed class PasskeysController(
    PasskeyRegistration registration,
    PasskeyRelyingParty relyingParty,
    Reauthentication reauthentication,
    IStringLocalizer<TwoFactorText> text) : Controller
{
    internal const string Notice = "Passkeys.Notice";

    [HttpGet("")]
    public async Task<IActionResult> Index([CurrentAccount] PortalUser user, CancellationToken ct)
    {
        if (!reauthentication.IsRecent(HttpContext, user))
        {
            return RedirectToAction(nameof(TwoFactorSettingsController.Confirm), "TwoFactorSettings", new { next = TwoFactorSettingsController.PasskeysStep });
        }

        return View("Passkeys", new PasskeysViewModel(await registration.ListAsync(user, ct), relyingParty.IsConfigured, TempData[Notice] as string));
    }

    /// <summary>For portal.js: the creation options and the ceremony they belong to.</summary>
    [HttpPost("Options")]
    public async Task<IActionResult> Options([CurrentAccount] PortalUser user, CancellationToken ct)
    {
        if (!reauthentication.IsRecent(HttpContext, user) || !relyingParty.IsConfigured)
        {
            return Forbid();
        }

        var (ceremony, options) = await registration.BeginAsync(user, HttpContext, ct);
        return CeremonyOptions.For(ceremony, options);
    }

    [HttpPost("")]
    public async Task<IActionResult> Add([CurrentAccount] PortalUser user, PasskeyAddInput input, CancellationToken ct)
    {
        if (!reauthentication.IsRecent(HttpContext, user))
        {
            return RedirectToAction(nameof(Index));
        }

        var added = ModelState.IsValid && await registration.AddAsync(user, input.Ceremony, input.Credential, input.Name, HttpContext, ct);
        TempData[Notice] = added ? text["Passkeys.Added", input.Name.Trim()].Value : text["Passkeys.Refused"].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("Rename")]
    public async Task<IActionResult> Rename([CurrentAccount] PortalUser user, PasskeyChangeInput input)
    {
        if (reauthentication.IsRecent(HttpContext, user) && ModelState.IsValid && input.Name is { } name
            && input.CredentialId() is { } id && await registration.RenameAsync(user, id, name))
        {
            TempData[Notice] = text["Passkeys.Renamed", name.Trim()].Value;
        }

        return RedirectToAction(nameof(Index));
    }

    [HttpPost("Remove")]
    public async Task<IActionResult> Remove([CurrentAccount] PortalUser user, PasskeyChangeInput input)
    {
        if (reauthentication.IsRecent(HttpContext, user) && ModelState.IsValid
            && input.CredentialId() is { } id && await registration.RemoveAsync(user, id) is { } name)
        {
            TempData[Notice] = text["Passkeys.Removed", name].Value;
        }

        return RedirectToAction(nameof(Index));
    }
}

public sealed record PasskeysViewModel(IReadOnlyList<(Microsoft.AspNetCore.Identity.UserPasskeyInfo Passkey, DateTime? LastUsedUtc)> Passkeys, bool CanAdd, string? Notice);

public sealed class PasskeyAddInput
{
    public Guid Ceremony { get; set; }

    [Required]
    [MaxLength(16_000)]
    public string Credential { get; set; } = "";

    [Required(ErrorMessage = "Passkeys.NameRequired")]
    [MaxLength(PasskeyRegistration.MaxNameLength)]
    public string Name { get; set; } = "";
}

public sealed class PasskeyChangeInput
{
    [Required]
    [MaxLength(1400)]
    [RegularExpression("^[A-Za-z0-9_-]+$")]
    public string Id { get; set; } = "";

    [MaxLength(PasskeyRegistration.MaxNameLength)]
    public string? Name { get; set; }

    /// <summary>The credential id the form names, or null when it is no base64url at all (a length of 4n+1).</summary>
    public byte[]? CredentialId()
    {
        try
        {
            return WebEncoders.Base64UrlDecode(Id);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
