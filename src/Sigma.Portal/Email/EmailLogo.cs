namespace Sigma.Portal.Email;

/// <summary>
/// Sigma's logo in the header of every email, sent inside the message as a related part rather than linked: mail
/// programs block pictures from the internet (and loading one would tell the sender the mail was opened), and most
/// do not show SVG. Templates/sigma-logo.png is wwwroot/images/sigma-logo.svg drawn at 96 px (shown at 32) by Chromium.
/// </summary>
public static class EmailLogo
{
    public const string ContentId = "sigma-logo@sigma-portal";

    public const string FileName = "sigma-logo.png";

    /// <summary>What the HTML part's img points at: the part with <see cref="ContentId"/> (RFC 2392).</summary>
    public const string Source = "cid:" + ContentId;

    private static readonly Lazy<byte[]> Bytes = new(Read);

    public static byte[] Png => Bytes.Value;

    /// <summary>For showing an HTML part in a browser, which knows no cid: addresses: the picture inside the page.</summary>
    public static string WithPictureInline(string html) =>
        html.Replace(Source, "data:image/png;base64," + Convert.ToBase64String(Png), StringComparison.Ordinal);

    private static byte[] Read()
    {
        using var stream = typeof(EmailLogo).Assembly.GetManifestResourceStream("Sigma.Portal.Email.Templates." + FileName)
            ?? throw new InvalidOperationException("The email logo is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
