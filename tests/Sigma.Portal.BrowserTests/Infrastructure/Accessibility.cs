using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>axe-core (shipped inside the Deque package, no CDN) over the WCAG 2.1 A and AA rules.</summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string step)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(Wcag21AA);
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"Step '{step}' on {page.Url}: {string.Join(" | ", serious)}");
    }
}
