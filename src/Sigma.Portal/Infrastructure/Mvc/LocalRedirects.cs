using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// The one way a return URL becomes a Location: in a redirect, in a link onwards, or passed on to the next step. Only a
/// local path is followed: not absolute, not protocol-relative (<c>//</c>, <c>/\</c>), without control characters
/// (raw or percent-encoded) and at most <see cref="MaxLength"/> characters. What is followed is percent-encoded where a
/// header needs it (non-ASCII as UTF-8, spaces, quotes, backslashes), so the server can send it and the browser asks
/// for the same page. Anything else goes to the home page instead of to an error.
/// </summary>
public static class LocalRedirects
{
    /// <summary>
    /// The longest Location a return URL may become. No page of the portal needs more, and the browser has to send it
    /// back in a request line (Kestrel accepts 8 KB), sometimes inside another return URL.
    /// </summary>
    public const int MaxLength = 2048;

    /// <summary>The home page, relative to the application: where a refused return URL leads.</summary>
    public const string Home = "~/";

    // RFC 3986 unreserved and sub-delims, and the delimiters a local path, query and fragment use; '%' is looked at apart.
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?#");

    public static IActionResult RedirectToLocal(this Controller controller, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(controller);
        return controller.LocalRedirect(Location(returnUrl) ?? Home);
    }

    /// <summary>The return URL as a local Location that is safe to send, or null when it may not be followed.</summary>
    public static string? Location(string? returnUrl)
    {
        if (!IsLocal(returnUrl))
        {
            return null;
        }

        var location = new StringBuilder(Math.Min(returnUrl.Length, MaxLength) + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < returnUrl.Length && location.Length <= MaxLength;)
        {
            if (Rune.DecodeFromUtf16(returnUrl.AsSpan(i), out var rune, out var used) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return null;
            }

            if (rune.Value == '%' && EscapedByte(returnUrl, i) is { } escaped)
            {
                // Already encoded: kept as it is, unless it hides a control character (%0d%0a, %00).
                if (escaped < 0x20 || escaped == 0x7F)
                {
                    return null;
                }

                location.Append(returnUrl, i, 3);
                i += 3;
                continue;
            }

            if (rune.IsAscii && Plain.Contains((char)rune.Value))
            {
                location.Append((char)rune.Value);
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    location.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            i += used;
        }

        return location.Length <= MaxLength ? location.ToString() : null;
    }

    /// <summary>The same rule as <c>IUrlHelper.IsLocalUrl</c>: a path from the root or from the application.</summary>
    private static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) => url switch
    {
        ['/'] or ['~', '/'] => true,
        ['/', not ('/' or '\\'), ..] => true,
        ['~', '/', not ('/' or '\\'), ..] => true,
        _ => false,
    };

    private static int? EscapedByte(string text, int percent) =>
        percent + 2 < text.Length && char.IsAsciiHexDigit(text[percent + 1]) && char.IsAsciiHexDigit(text[percent + 2])
            ? int.Parse(text.AsSpan(percent + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
            : null;
}
