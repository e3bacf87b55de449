using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Sigma.Portal.Audit;

namespace Sigma.Portal.Administration.Logbook;

/// <summary>The audit trail: filters, paging and a CSV export.</summary>
[Area("Admin")]
[Authorize(Policy = PortalPolicies.Administrator)]
[Route("Admin/Audit")]
public sealed class AdminAuditController(AuditSearch search, TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(AuditFilter query, CancellationToken ct) =>
        View("Audit", new AuditViewModel(query, await search.PageAsync(ModelState.IsValid ? query : new AuditFilter(), ct)));

    [HttpGet("Export")]
    public async Task Export(AuditFilter query, CancellationToken ct)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"sigma-audit-{time.GetUtcNow():yyyyMMdd-HHmm}.csv");
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await AuditCsv.WriteAsync(Response.Body, search.ExportAsync(ModelState.IsValid ? query : new AuditFilter(), ct), ct);
    }
}
