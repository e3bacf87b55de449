using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Accounts;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Accounts.Links;
using Sigma.Portal.TwoFactor.LostPhone;

namespace Sigma.Portal.Administration.Accounts;

/// <summary>The admin console's accounts: list, create, look at one, and act on it. Changes are POSTs; drastic ones are confirmed first.</summary>
[Area("Admin")]
[Authorize(Policy = PortalPolicies.Administrator)]
[Route("Admin/Accounts")]
public sealed class AdminAccountsController(
    AccountDirectory directory,
    AccountDetailsReader details,
    AccountCreator creator,
    LinkRequests links,
    AccountUnlock unlock,
    AccountDeactivation deactivation,
    AccountEditor editor,
    TwoFactorReset twoFactorReset,
    IStringLocalizer<AdministrationText> text,
    IStringLocalizer<AccountsText> accountsText) : Controller
{
    private const string Notice = "Admin.Notice";

    /// <summary>The console's own address leads to its start page, the accounts.</summary>
    [HttpGet("/Admin")]
    public IActionResult Start() => RedirectToAction(nameof(Index));

    [HttpGet("")]
    public async Task<IActionResult> Index(AccountListFilter query, CancellationToken ct) =>
        View("Accounts", await directory.SearchAsync(ModelState.IsValid ? query : new AccountListFilter(), ct));

    [HttpGet("New")]
    public IActionResult New() => View("NewAccount", new NewAccountInput());

    [HttpPost("New")]
    public async Task<IActionResult> New(NewAccountInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return View("NewAccount", input);
        }

        var result = await creator.CreateAsync(new NewAccount
        {
            Email = input.Email,
            DisplayName = input.DisplayName,
            AccountType = input.AccountType,
            Organisation = input.Organisation,
            Language = input.Language,
            CreatedBy = User.AccountId(),
        }, ct);
        if (!result.Created)
        {
            ModelState.AddModelError("", accountsText[result.RefusedBecause!]);
            return View("NewAccount", input);
        }

        return Done(result.Account!.Id, "Admin.Created");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken ct) =>
        await details.FindAsync(id, User.AccountId(), ct) is { } account ? View("AccountDetails", account) : NotFound();

    [HttpPost("{id:guid}/Resend")]
    public async Task<IActionResult> Resend(Guid id, CancellationToken ct) =>
        Done(id, await links.ResendInvitationAsync(id, User.AccountId(), ct) ? "Admin.Resent" : "Admin.NotPossible");

    [HttpPost("{id:guid}/SendReset")]
    public async Task<IActionResult> SendReset(Guid id, CancellationToken ct) =>
        Done(id, await links.SendPasswordResetAsync(id, User.AccountId(), ct) ? "Admin.ResetSent" : "Admin.NotPossible");

    [HttpPost("{id:guid}/Unlock")]
    public async Task<IActionResult> Unlock(Guid id, CancellationToken ct) =>
        Done(id, await unlock.UnlockAsync(id, User.AccountId(), ct) ? "Admin.Unlocked" : "Admin.NotPossible");

    [HttpGet("{id:guid}/Deactivate")]
    public async Task<IActionResult> Deactivate(Guid id, CancellationToken ct) =>
        await details.FindAsync(id, User.AccountId(), ct) is { } account ? View("ConfirmDeactivate", account) : NotFound();

    [HttpPost("{id:guid}/Deactivate")]
    public async Task<IActionResult> Deactivate(Guid id, ReasonInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await Deactivate(id, ct);
        }

        return Done(id, await deactivation.DeactivateAsync(id, User.AccountId(), input.Reason, ct) ? "Admin.Deactivated" : "Admin.NotPossible");
    }

    [HttpPost("{id:guid}/Reactivate")]
    public async Task<IActionResult> Reactivate(Guid id, CancellationToken ct) =>
        Done(id, await deactivation.ReactivateAsync(id, User.AccountId(), ct) ? "Admin.Reactivated" : "Admin.NotPossible");

    [HttpPost("{id:guid}/Edit")]
    public async Task<IActionResult> Edit(Guid id, AccountChangesInput input, CancellationToken ct)
    {
        var problem = ModelState.IsValid
            ? await editor.UpdateAsync(id, new AccountChanges { AccountType = input.AccountType, Organisation = input.Organisation, Language = input.Language }, User.AccountId(), ct)
            : "Admin.NotPossible";
        if (problem is not null)
        {
            // The console's own refusals, or the rules of accounts that the edit applies: each in the texts that hold it.
            TempData[Notice] = text[problem] is { ResourceNotFound: false } own ? own.Value : accountsText[problem].Value;
            return RedirectToAction(nameof(Details), new { id });
        }

        return Done(id, "Admin.Saved");
    }

    [HttpGet("{id:guid}/ResetTwoFactor")]
    public async Task<IActionResult> ResetTwoFactor(Guid id, CancellationToken ct) =>
        await details.FindAsync(id, User.AccountId(), ct) is { } account ? View("ConfirmTwoFactorReset", account) : NotFound();

    [HttpPost("{id:guid}/ResetTwoFactor")]
    public async Task<IActionResult> ResetTwoFactor(Guid id, ReasonInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await ResetTwoFactor(id, ct);
        }

        var pass = await twoFactorReset.ResetAsync(id, User.AccountId(), input.Reason, ct);
        return pass is null ? NotFound() : View("AccessPassIssued", new AccessPassViewModel(id, pass));
    }

    private RedirectToActionResult Done(Guid id, string noticeKey)
    {
        TempData[Notice] = text[noticeKey].Value;
        return RedirectToAction(nameof(Details), new { id });
    }
}
