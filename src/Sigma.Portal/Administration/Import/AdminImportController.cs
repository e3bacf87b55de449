using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Administration.Import;

/// <summary>Bulk invitations: upload a CSV, check the preview, then create the valid rows in one go.</summary>
[Area("Admin")]
[Authorize(Policy = PortalPolicies.Administrator)]
[Route("Admin/Invitations/Import")]
public sealed class AdminImportController(CsvInvitations invitations) : Controller
{
    /// <summary>
    /// Larger files are refused with a message on this page; a body over <c>RequestLimits.MaxBodyBytes</c> never gets
    /// here (413).
    /// </summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    [HttpGet("")]
    public IActionResult Index() => View("Import", new ImportPreview());

    [HttpPost("")]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return View("Import", new ImportPreview { FileProblem = "Import.Empty" });
        }

        if (file.Length > MaxFileBytes)
        {
            return View("Import", new ImportPreview { FileProblem = "Import.TooLarge" });
        }

        await using var stream = file.OpenReadStream();
        return View("Import", await invitations.PreviewAsync(stream, User.AccountId(), ct));
    }

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Confirm(Guid id, CancellationToken ct)
    {
        var result = await invitations.ImportAsync(id, User.AccountId(), ct);
        return View("Imported", result);
    }
}
