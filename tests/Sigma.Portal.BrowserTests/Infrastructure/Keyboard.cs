using Microsoft.Playwright;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>Moving through a page with Tab alone, checking that whatever has the focus shows it.</summary>
public static class Keyboard
{
    private const int MaxTabs = 40;

    /// <summary>Presses Tab until <paramref name="target"/> has the focus; fails when it cannot be reached.</summary>
    public static async Task TabToAsync(IPage page, ILocator target)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(target);
        for (var tabs = 0; tabs < MaxTabs; tabs++)
        {
            await page.Keyboard.PressAsync("Tab");
            await AssertFocusVisibleAsync(page);
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{target} was not reached with {MaxTabs} presses of Tab on {page.Url}.");
    }

    /// <summary>Tabs to a field and types into it as a person would.</summary>
    public static async Task TypeIntoAsync(IPage page, string selector, string text)
    {
        ArgumentNullException.ThrowIfNull(page);
        await TabToAsync(page, page.Locator(selector));
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var visible = await page.EvaluateAsync<bool>("""
            () => {
                const element = document.activeElement;
                if (!element || element === document.body) return true;
                const style = getComputedStyle(element);
                return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
            }
            """);
        Assert.True(visible, $"The focused element on {page.Url} shows no focus indicator.");
    }
}
