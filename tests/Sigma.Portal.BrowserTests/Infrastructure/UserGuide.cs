using Microsoft.Playwright;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>A picture for the user guide: its file name, and whether a phone-sized one is wanted too.</summary>
public sealed record Guide(string Name, bool Phone = false);

/// <summary>
/// Screenshots for docs/user-guide, taken by the journeys themselves when <c>SIGMA_USER_GUIDE_IMAGES</c> names a folder
/// (see docs/user-guide/README.md); otherwise nothing is written.
/// </summary>
public static class UserGuide
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    private static readonly ViewportSize PhoneSize = new() { Width = 390, Height = 844 };

    public static string? Folder => System.Environment.GetEnvironmentVariable("SIGMA_USER_GUIDE_IMAGES") is { Length: > 0 } folder ? folder : null;

    public static async Task CaptureAsync(IPage page, Guide guide)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(guide);
        if (Folder is not { } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, guide.Name + ".png"), FullPage = true });
        if (guide.Phone)
        {
            await page.SetViewportSizeAsync(PhoneSize.Width, PhoneSize.Height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, guide.Name + "-phone.png"), FullPage = true });
            await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        }
    }

    /// <summary>An email as a mail program would show it, drawn from its HTML part in a page of its own.</summary>
    public static async Task CaptureEmailAsync(IBrowserContext context, string html, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Folder is null)
        {
            return;
        }

        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(800, 600);
        await page.SetContentAsync(html);
        await CaptureAsync(page, new Guide(name));
        await page.CloseAsync();
    }
}
