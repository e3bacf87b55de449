using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sigma.Portal.SingleSignOn;
using Sigma.Portal.SingleSignOn.Applications;

namespace Sigma.Portal.Administration.Applications;

/// <summary>
/// The admin console's applications ("Applicaties"): register, change, rotate the secret, switch off and on. The rules
/// and the audit trail are <see cref="ApplicationRegistrar"/>'s; a new secret is shown on the answer to the POST alone.
/// </summary>
[Area("Admin")]
[Authorize(Policy = PortalPolicies.Administrator)]
[Route("Admin/Applications")]
public sealed class AdminApplicationsController(
    PortalApplications applications,
    ApplicationRegistrar registrar,
    ApplicationLogos logos,
    IStringLocalizer<AdministrationText> text,
    IStringLocalizer<SingleSignOnText> rules) : Controller
{
    private const string Notice = "Admin.Notice";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Applications", await applications.AllAsync(ct));

    [HttpGet("New")]
    public IActionResult New() => View("ApplicationForm", new ApplicationFormViewModel(new ApplicationInput(), IsNew: true));

    [HttpPost("New")]
    public async Task<IActionResult> New(ApplicationInput input, CancellationToken ct)
    {
        if (await applications.FindAsync((input.ClientId ?? "").Trim(), ct) is not null)
        {
            ModelState.AddModelError(nameof(input.ClientId), text["Apps.ClientIdTaken"]);
            return View("ApplicationForm", new ApplicationFormViewModel(input, IsNew: true));
        }

        return await SaveAsync(input, isNew: true, rotateSecret: false, ct);
    }

    [HttpGet("{clientId}")]
    public Task<IActionResult> Edit(string clientId, CancellationToken ct) => FormAsync(clientId, logoProblem: null, ct);

    [HttpPost("{clientId}")]
    public async Task<IActionResult> Edit(string clientId, ApplicationInput input, CancellationToken ct) =>
        await applications.FindAsync(clientId, ct) is null
            ? NotFound()
            : await SaveAsync(input with { ClientId = clientId }, isNew: false, rotateSecret: false, ct);

    [HttpPost("{clientId}/RotateSecret")]
    public async Task<IActionResult> RotateSecret(string clientId, CancellationToken ct)
    {
        if (await applications.RegistrationAsync(clientId, ct) is not { Public: false } registration)
        {
            return NotFound();
        }

        var result = await registrar.SaveAsync(registration, rotateSecret: true, User.AccountId(), ct);
        return View("ApplicationSecret", new ApplicationSecretViewModel(clientId, result.ClientSecret!));
    }

    [HttpPost("{clientId}/Logo")]
    public async Task<IActionResult> Logo(string clientId, IFormFile? logo, CancellationToken ct)
    {
        var content = logo is null ? [] : logo.Length > LogoFormat.MaxBytes ? null : await ReadAsync(logo, ct);
        if ((content is null ? "Logo.TooLarge" : LogoFormat.ProblemWith(content)) is { } problem)
        {
            return await FormAsync(clientId, problem, ct);
        }

        if (!await logos.ReplaceAsync(clientId, content!, User.AccountId(), ct))
        {
            return NotFound();
        }

        TempData[Notice] = text["Apps.LogoSaved"].Value;
        return RedirectToAction(nameof(Edit), new { clientId });
    }

    [HttpPost("{clientId}/Logo/Remove")]
    public async Task<IActionResult> RemoveLogo(string clientId, CancellationToken ct)
    {
        if (!await logos.RemoveAsync(clientId, User.AccountId(), ct))
        {
            return NotFound();
        }

        TempData[Notice] = text["Apps.LogoRemoved"].Value;
        return RedirectToAction(nameof(Edit), new { clientId });
    }

    [HttpPost("{clientId}/Disable")]
    public Task<IActionResult> Disable(string clientId, CancellationToken ct) => SwitchAsync(clientId, disabled: true, ct);

    [HttpPost("{clientId}/Enable")]
    public Task<IActionResult> Enable(string clientId, CancellationToken ct) => SwitchAsync(clientId, disabled: false, ct);

    private async Task<IActionResult> FormAsync(string clientId, string? logoProblem, CancellationToken ct)
    {
        if (await applications.RegistrationAsync(clientId, ct) is not { } registration)
        {
            return NotFound();
        }

        var application = (await applications.FindAsync(clientId, ct))!;
        return View("ApplicationForm", new ApplicationFormViewModel(ApplicationInput.From(registration), IsNew: false, application.Disabled, application.LogoVersion, logoProblem));
    }

    // Only called for a file within LogoFormat.MaxBytes.
    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private async Task<IActionResult> SaveAsync(ApplicationInput input, bool isNew, bool rotateSecret, CancellationToken ct)
    {
        var registration = input.ToRegistration();
        var result = registration is null ? null : await registrar.SaveAsync(registration, rotateSecret, User.AccountId(), ct);
        if (result is null || result.Problems.Count > 0)
        {
            foreach (var problem in result?.Problems ?? ["Application.UriInvalid"])
            {
                ModelState.AddModelError("", rules[problem]);
            }

            var current = isNew ? null : await applications.FindAsync(input.ClientId ?? "", ct);
            return View("ApplicationForm", new ApplicationFormViewModel(input, isNew, current?.Disabled ?? false, current?.LogoVersion));
        }

        if (result.ClientSecret is { } secret)
        {
            return View("ApplicationSecret", new ApplicationSecretViewModel(registration!.ClientId, secret));
        }

        TempData[Notice] = text["Apps.Saved"].Value;
        return RedirectToAction(nameof(Edit), new { clientId = registration!.ClientId });
    }

    private async Task<IActionResult> SwitchAsync(string clientId, bool disabled, CancellationToken ct)
    {
        if (!await registrar.SetDisabledAsync(clientId, disabled, User.AccountId(), ct))
        {
            return NotFound();
        }

        TempData[Notice] = text[disabled ? "Apps.Disabled" : "Apps.Enabled"].Value;
        return RedirectToAction(nameof(Edit), new { clientId });
    }
}
