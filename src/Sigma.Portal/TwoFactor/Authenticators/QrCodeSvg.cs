using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>
/// A QR code drawn on the server by QRCoder as inline SVG: crisp at any size and shown without JavaScript. The one
/// piece of markup a view writes unencoded, which is why it is its own type: it is generated here, never from input.
/// </summary>
public sealed class QrCodeSvg : IHtmlContent
{
    private readonly string _svg;

    private QrCodeSvg(string svg) => _svg = svg;

    /// <param name="content">The text to encode (an otpauth URI).</param>
    /// <param name="accessibleName">What screen readers announce for the image.</param>
    public static QrCodeSvg Create(string content, string accessibleName)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        var label = HtmlEncoder.Default.Encode(accessibleName);
        return new QrCodeSvg(svg.Replace("<svg ", $"<svg role=\"img\" aria-label=\"{label}\" class=\"qr-code\" ", StringComparison.Ordinal));
    }

    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_svg);
    }

    public override string ToString() => _svg;
}
