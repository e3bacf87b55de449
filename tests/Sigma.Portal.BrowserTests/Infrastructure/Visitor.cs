using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>
/// One person in their own browser context. Every step of a journey goes through <see cref="StepAsync"/>, which checks
/// the page it ends on (axe, console errors, CSP violations, the layout at a computer's and a phone's width), saves a
/// screenshot named after the step when it fails, and feeds the user guide when that is being regenerated.
/// </summary>
public sealed class Visitor : IAsyncDisposable
{
    private readonly List<string> _problems = [];
    private readonly BrowserPortal _portal;
    private readonly string _name;
    private readonly VisitorOptions _options;

    private Visitor(BrowserPortal portal, string name, VisitorOptions options, IBrowserContext context, IPage page)
    {
        _portal = portal;
        _name = name;
        _options = options;
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Add($"console: {message.Text} at {message.Location}");
            }
        };
        page.PageError += (_, error) => _problems.Add($"script error: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<Visitor> OpenAsync(BrowserPortal portal, string name, VisitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl.ToString(),
            IgnoreHTTPSErrors = true,
            JavaScriptEnabled = options.JavaScript,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            // Each person is a client of their own for the per-client rate limits.
            ExtraHTTPHeaders = new Dictionary<string, string>
            {
                [TestClientAddress.Header] = new IPAddress([10, .. RandomNumberGenerator.GetBytes(3)]).ToString(),
            },
        });
        // Generous: a first page on a busy 2-core machine (JIT, Chromium start) can take seconds; a hang still fails.
        context.SetDefaultTimeout(45_000);
        return new Visitor(portal, name, options, context, await context.NewPageAsync());
    }

    /// <summary>Runs one step of a journey and checks the page it ends on.</summary>
    public async Task StepAsync(string step, Func<IPage, Task> action, Guide? guide = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action(Page);
            await LoadedAsync();
            if (_options.Checks)
            {
                await Accessibility.AssertNoSeriousViolationsAsync(Page, step);
                // The portal's pages; a test application's own page (single sign-on) is not the portal's to lay out.
                if (Page.Url.StartsWith(_portal.BaseUrl.ToString(), StringComparison.Ordinal))
                {
                    await Layout.AssertReadableAsync(Page, step);
                }
            }

            Assert.True(_problems.Count == 0, $"Step '{step}' of {_name}: {string.Join(" | ", _problems)}");
            if (guide is not null)
            {
                await UserGuide.CaptureAsync(Page, guide);
            }
        }
        catch
        {
            await FailureScreenshotAsync(step);
            throw;
        }
    }

    /// <summary>
    /// Waits until the page is at <paramref name="path"/> (any query); <see cref="StepAsync"/> then waits for the load.
    /// Polls the address: Playwright's WaitForURLAsync can miss the event it waits for when the page got there first
    /// (microsoft/playwright-dotnet#3364, #3365), which hung a journey for its whole timeout.
    /// </summary>
    public static Task ArrivedAtAsync(IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(
            new Regex("^https?://[^/]+" + Regex.Escape(path) + @"(\?.*)?$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            new PageAssertionsToHaveURLOptions { Timeout = 45_000 });

    public Task GotoAsync(string pathOrUrl) => Page.GotoAsync(pathOrUrl);

    /// <summary>The password step: email, password and the "Inloggen" button.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.Locator("#Email").FillAsync(email);
        await Page.Locator("#Password").FillAsync(password);
        await Page.Locator("form.login-form button[type=submit]").ClickAsync();
    }

    /// <summary>Types the authenticator's current code and presses Validate.</summary>
    public async Task EnterCodeAsync(string key)
    {
        await Page.Locator("form.code-form input[name=Code]").FillAsync(_portal.NextCode(key));
        await Page.Locator("form.code-form button[type=submit]").ClickAsync();
    }

    /// <summary>On a setup screen: reads the manual key as a person would type it into the app, then validates.</summary>
    public async Task<string> SetUpAuthenticatorAsync()
    {
        var key = await Page.Locator("#manual-key").InnerTextAsync();
        await EnterCodeAsync(key);
        return key;
    }

    /// <summary>Gives this browser a passkey device of its own.</summary>
    public Task<VirtualAuthenticator> AddVirtualAuthenticatorAsync() => VirtualAuthenticator.AddAsync(Context, Page);

    /// <summary>On a phone-sized screen the page must not scroll sideways.</summary>
    public async Task AssertFitsAPhoneAsync()
    {
        await Page.SetViewportSizeAsync(390, 844);
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await Page.SetViewportSizeAsync(1280, 900);
        Assert.True(overflow <= 0, $"{Page.Url} is {overflow} pixels wider than a phone.");
    }

    public async Task SignOutAsync() => await Page.Locator("form.sign-out button").ClickAsync();

    public async Task<string> HeadingAsync() => (await Page.Locator("main h1").First.InnerTextAsync()).Trim();

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    /// <summary>
    /// Waits for the load event. Playwright can miss one that fires just as it starts waiting (it then sees only the
    /// later "networkidle" and times out on a loaded page), so a wait that runs long asks the document itself.
    /// </summary>
    private async Task LoadedAsync()
    {
        try
        {
            await Page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            if (await Page.EvaluateAsync<string>("document.readyState") != "complete")
            {
                // Still loading: a slow page, not a missed event; give it the rest of the usual time.
                await Page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    private async Task FailureScreenshotAsync(string step)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "failures");
        Directory.CreateDirectory(folder);
        try
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{_name}-{step}.png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(folder, $"{_name}-{step}.html"), await Page.ContentAsync());
        }
        catch (PlaywrightException)
        {
            // The page may be gone with the failure; the original exception says more than a missing picture.
        }
    }
}
