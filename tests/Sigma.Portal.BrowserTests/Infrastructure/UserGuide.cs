using Microsoft.Playwright;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>A picture for the user guide: its file name, and whether a phone-sized one is wanted too.</summary>
public sealed record Guide(string Name, bool Phone = false);

/// <summary>
/// Screenshots for docs/user-guide, taken by the journeys themselves when <c>SIGMA_USER_GUIDE_IMAGES</c> names a folder
/// (see docs/user-guide/README.md); otherwise nothing is written.
/// </summary>
public static partial class UserGuide
{
    /// <summary>The address people use, in every picture instead of the test server's.</summary>
    private const string ExampleAddress = "https://portaal.sigma-personeelsdiensten.nl";

    /// <summary>
    /// The pictures show example data, never the test run's: nobody should scan a picture's QR code or type its key
    /// instead of their own. The QR code is blurred and stamped, the key, recovery codes and access pass are examples,
    /// the test run's addresses (jan.jansen-…@test.example, 10.x.x.x, 127.0.0.1:port) become believable ones. All of it
    /// is put back after the picture.
    /// </summary>
    private const string ShowAsExample = """
        () => {
          const undo = [];
          const english = document.documentElement.lang === 'en';
          const set = (node, text) => { const old = node.textContent; node.textContent = text; undo.push(() => node.textContent = old); };
          for (const qr of document.querySelectorAll('.qr-code')) {
            const frame = qr.parentElement, oldFilter = qr.style.filter, oldPosition = frame.style.position;
            qr.style.filter = 'blur(6px)';
            frame.style.position = 'relative';
            const stamp = document.createElement('span');
            stamp.textContent = english ? 'Example' : 'Voorbeeld';
            Object.assign(stamp.style, { position: 'absolute', inset: '40% 0 auto 0', textAlign: 'center', font: 'bold 1.6rem system-ui', color: '#b3261e', background: 'rgba(255,255,255,0.85)', padding: '0.3rem 0', transform: 'rotate(-12deg)' });
            frame.appendChild(stamp);
            undo.push(() => { stamp.remove(); qr.style.filter = oldFilter; frame.style.position = oldPosition; });
          }
          for (const key of document.querySelectorAll('#manual-key')) set(key, 'ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567');
          const codes = ['7KQ2M-PX4TD', 'HN8VR-3CWZA', 'B5TLE-9QYJM', 'R2DXK-6FHNP', 'W9ZCA-4MLTQ', 'E3PVN-8KRXB', 'Y6JHT-2DWQC', 'M4XBR-7NZEL', 'F8CQW-5TAKV', 'L2NYD-9PHMX'];
          document.querySelectorAll('.recovery-codes code').forEach((code, i) => set(code, codes[i % codes.length]));
          for (const pass of document.querySelectorAll('#access-pass')) set(pass, 'K7QF-2MZD-8XRB');
          for (const link of document.querySelectorAll('.otpauth-link a')) { const old = link.href; link.href = 'otpauth://totp/voorbeeld'; undo.push(() => link.href = old); }
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const nodes = [];
          for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
          const example = text => text
            .replace(/([a-z.]+)-[0-9a-f]{32}@([a-z.]+)/g, (_, name, domain) => `${name}@${domain === 'test.example' ? 'voorbeeld.nl' : domain}`)
            .replace(/\b10\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g, '192.0.2.41')
            .replace(/https?:\/\/127\.0\.0\.1:\d+/g, 'https://portaal.sigma-personeelsdiensten.nl')
            .replace(/user=[0-9a-f-]{36}&token=[A-Za-z0-9_-]{20,}/g, 'user=…&token=…');
          for (const node of nodes) {
            const text = example(node.textContent);
            if (text !== node.textContent) set(node, text);
          }
          // What the journey typed shows in the fields: an address, an access pass.
          for (const input of document.querySelectorAll('input:not([type=hidden]):not([type=password])')) {
            const old = input.value, text = input.name === 'AccessPass' && old ? 'K7QF-2MZD-8XRB' : example(old);
            if (text !== old) { input.value = text; undo.push(() => input.value = old); }
          }
          window.__sigmaUndoExample = () => { undo.reverse().forEach(step => step()); delete window.__sigmaUndoExample; };
        }
        """;

    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    private static readonly ViewportSize PhoneSize = new() { Width = 390, Height = 844 };

    public static string? Folder => System.Environment.GetEnvironmentVariable("SIGMA_USER_GUIDE_IMAGES") is { Length: > 0 } folder ? folder : null;

    public static async Task CaptureAsync(IPage page, Guide guide)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(guide);
        await page.EvaluateAsync(ShowAsExample);
        try
        {
            await AssertShowsNoTestDataAsync(page, guide.Name);
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
        finally
        {
            // The journey goes on with the page as it was: its next step reads the real key.
            await page.EvaluateAsync("() => window.__sigmaUndoExample && window.__sigmaUndoExample()");
        }
    }

    /// <summary>
    /// Runs on every capture, pictures or not, so a journey that would put the test run's own data in a picture fails in
    /// every test run, not only when the pictures are made.
    /// </summary>
    private static async Task AssertShowsNoTestDataAsync(IPage page, string name)
    {
        var shown = await page.EvaluateAsync<string[]>(TestDataShown);
        Assert.True(shown.Length == 0, $"The picture {name} would show the test run's data: {string.Join(", ", shown)}");
    }

    private const string TestDataShown = """
        () => {
          const seen = [document.body.innerText, ...[...document.querySelectorAll('input:not([type=hidden]):not([type=password])')].map(i => i.value)].join('\n');
          return [/[\w.-]+@test\.example/, /127\.0\.0\.1/, /\b10\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/, /token=[A-Za-z0-9_-]{20,}/, /[0-9a-f]{32}/]
            .map(r => seen.match(r)?.[0]).filter(Boolean);
        }
        """;

    /// <summary>An email as a mail program would show it, drawn from its HTML part in a page of its own.</summary>
    public static async Task CaptureEmailAsync(IBrowserContext context, string html, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(800, 600);
        await page.SetContentAsync(PublicAddress().Replace(Sigma.Portal.Email.EmailLogo.WithPictureInline(html), ExampleAddress));
        await CaptureAsync(page, new Guide(name));
        await page.CloseAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://127\.0\.0\.1:\d+", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex PublicAddress();
}
