namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// What an uploaded logo is, by its own first bytes: the name and the type the upload claimed are the uploader's to
/// choose. Only raster formats a browser shows and never runs: an SVG may carry script, so it is not among them.
/// </summary>
public static class LogoFormat
{
    /// <summary>Large enough for a crisp tile picture, small enough that the start page stays light.</summary>
    public const int MaxBytes = 100 * 1024;

    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    /// <summary>The content type to serve the picture as, or null when it is none of PNG, JPEG and WebP.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content) =>
        content.StartsWith(Png) ? "image/png"
        : content.StartsWith(Jpeg) ? "image/jpeg"
        : content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    /// <summary>The text key of what is wrong with an upload, or null when it can be a logo.</summary>
    public static string? ProblemWith(ReadOnlySpan<byte> content) =>
        content.Length == 0 ? "Logo.Empty"
        : content.Length > MaxBytes ? "Logo.TooLarge"
        : ContentTypeOf(content) is null ? "Logo.Format"
        : null;
}
