using Microsoft.Playwright;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>
/// What a person sees broken on a screen, looked for at a computer's width and a phone's: a page wider than the window,
/// text lines of two elements drawn over each other, and a word in a table split over two lines ("Werkn emer").
/// </summary>
public static class Layout
{
    public static readonly (int Width, int Height)[] Widths = [(1280, 900), (390, 844)];

    // Text is measured by its line boxes (a Range's client rects), so overlapping boxes of elements that hold no text,
    // or padding reaching over a neighbour, do not count. Text under display:none has no boxes; text in a closed
    // <details> still reports the boxes it would have, so it is left out as not shown (checkVisibility).
    private const string Check = """
        () => {
          const problems = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth + 1) {
            const wide = [...document.body.querySelectorAll('*')].find(e => e.getBoundingClientRect().right > root.clientWidth + 1 && !e.closest('.table-scroll'));
            problems.push(`the page is ${root.scrollWidth - root.clientWidth} px wider than the window` + (wide ? ` (${describe(wide)})` : ''));
          }
          const lines = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.textContent.trim() || hidden(node.parentElement)) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const r of range.getClientRects()) {
              if (r.width > 1 && r.height > 1) lines.push({ node, r });
            }
            const cell = node.parentElement.closest('td, th');
            if (cell) {
              const word = /\S+/g;
              for (let m = word.exec(node.textContent); m; m = word.exec(node.textContent)) {
                const part = document.createRange();
                part.setStart(node, m.index);
                part.setEnd(node, m.index + m[0].length);
                const rows = new Set([...part.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (rows.size > 1 && !onlyAfterHyphens(node, m.index, m[0])) problems.push(`"${m[0]}" is split over ${rows.size} lines in ${describe(cell)}`);
              }
            }
          }
          // A numbered or bulleted item's marker stands left of it, outside any text node: a box of 1.5 em for it, so a
          // second column of a list cannot put its numbers over the first column's text unseen.
          for (const item of document.querySelectorAll('ol > li, ul > li')) {
            const style = getComputedStyle(item);
            const r = item.getBoundingClientRect();
            if (style.listStyleType === 'none' || style.listStylePosition !== 'outside' || r.width === 0 || hidden(item)) continue;
            const em = parseFloat(style.fontSize);
            lines.push({ node: item, r: { left: r.left - 1.5 * em, right: r.left, top: r.top, bottom: r.top + em } });
          }
          for (let i = 0; i < lines.length; i++) {
            for (let j = i + 1; j < lines.length; j++) {
              const a = lines[i], b = lines[j];
              if (a.node === b.node || a.node.contains(b.node) || b.node.contains(a.node)) continue;
              const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
              const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
              if (x > 2 && y > 2) {
                problems.push(`"${a.node.textContent.trim().slice(0, 30)}" and "${b.node.textContent.trim().slice(0, 30)}" overlap`);
              }
            }
          }
          return [...new Set(problems)].slice(0, 10);

          // Text a screen reader reads but nobody sees (clipped to a pixel), and the skip link, which lies over the
          // header on purpose while it has the focus.
          function hidden(e) {
            if (e && !e.checkVisibility({ visibilityProperty: true })) return true;
            for (; e; e = e.parentElement) {
              const style = getComputedStyle(e);
              if (e.classList.contains('skip-link') || (style.overflow === 'hidden' && e.getBoundingClientRect().width <= 1)) return true;
            }
            return false;
          }

          // "IP-adres" may break after its hyphen, as any text may; "Werkn emer" may not.
          function onlyAfterHyphens(node, start, word) {
            let top = null;
            for (let i = 0; i < word.length; i++) {
              const letter = document.createRange();
              letter.setStart(node, start + i);
              letter.setEnd(node, start + i + 1);
              const r = letter.getClientRects()[0];
              if (!r) continue;
              if (top !== null && Math.round(r.top) !== top && !'-/\u2013'.includes(word[i - 1])) return false;
              top = Math.round(r.top);
            }
            return true;
          }

          function describe(e) {
            return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
          }
        }
        """;

    /// <summary>Checks the page at each of <see cref="Widths"/> and leaves it at the first.</summary>
    public static async Task AssertReadableAsync(IPage page, string step)
    {
        ArgumentNullException.ThrowIfNull(page);
        var problems = new List<string>();
        foreach (var (width, height) in Widths.Reverse())
        {
            await page.SetViewportSizeAsync(width, height);
            problems.AddRange((await page.EvaluateAsync<string[]>(Check)).Select(p => $"{width} px: {p}"));
        }

        Assert.True(problems.Count == 0, $"Step '{step}' on {page.Url}: {string.Join(" | ", problems)}");
    }
}
