using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Email;

/// <summary>
/// Renders <see cref="EmailContent"/> as an HTML part (the layout in Templates/Layout.html, every value encoded) and a
/// plain-text part, in the current UI culture.
/// </summary>
public sealed class EmailRenderer(IStringLocalizer<EmailText> text, DisplayTexts display)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly string Layout = ReadLayout();

    private const string ButtonStyle =
        "display:inline-block;background:#0b3a6e;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;";

    public EmailMessage Render(EmailContent content, string toAddress, string toName)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new EmailMessage
        {
            Kind = content.Kind,
            ToAddress = toAddress,
            ToName = toName,
            Subject = content.Subject,
            HtmlBody = Html(content),
            TextBody = Text(content),
        };
    }

    private string Html(EmailContent content)
    {
        var body = new StringBuilder();
        Paragraph(body, content.Greeting);
        foreach (var paragraph in content.Paragraphs)
        {
            Paragraph(body, paragraph);
        }

        if (content.Details.Count > 0)
        {
            body.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:0 0 16px;\">");
            foreach (var detail in content.Details)
            {
                body.Append("<tr><td style=\"padding:2px 16px 2px 0;font-weight:bold;\">").Append(Encoder.Encode(detail.Label))
                    .Append("</td><td style=\"padding:2px 0;\">").Append(Encoder.Encode(detail.Value)).Append("</td></tr>");
            }

            body.Append("</table>");
        }

        if (content.Action is { } action)
        {
            var url = Encoder.Encode(action.Url.AbsoluteUri);
            body.Append("<p style=\"margin:24px 0;\"><a href=\"").Append(url).Append("\" style=\"").Append(ButtonStyle).Append("\">")
                .Append(Encoder.Encode(action.Text)).Append("</a></p>");
            body.Append("<p style=\"margin:0 0 16px;font-size:13px;color:#4a5560;\">").Append(Encoder.Encode(text["Email.ButtonFallback"]))
                .Append("<br><a href=\"").Append(url).Append("\" style=\"color:#0b3a6e;word-break:break-all;\">").Append(url).Append("</a></p>");
        }

        foreach (var paragraph in content.Closing)
        {
            Paragraph(body, paragraph);
        }

        Paragraph(body, text["Email.Signature"]);
        return Layout
            .Replace("{{Language}}", PortalCultures.Code(CultureInfo.CurrentUICulture), StringComparison.Ordinal)
            .Replace("{{Subject}}", Encoder.Encode(content.Subject), StringComparison.Ordinal)
            .Replace("{{Logo}}", EmailLogo.Source, StringComparison.Ordinal)
            .Replace("{{Footer}}", string.Join("<br>", Footer().Select(Encoder.Encode)), StringComparison.Ordinal)
            .Replace("{{Body}}", body.ToString(), StringComparison.Ordinal);
    }

    private string Text(EmailContent content)
    {
        var body = new StringBuilder();
        body.Append(content.Greeting).Append("\n\n");
        foreach (var paragraph in content.Paragraphs)
        {
            body.Append(paragraph).Append("\n\n");
        }

        foreach (var detail in content.Details)
        {
            body.Append(detail.Label).Append(": ").Append(detail.Value).Append('\n');
        }

        if (content.Details.Count > 0)
        {
            body.Append('\n');
        }

        if (content.Action is { } action)
        {
            body.Append(action.Text).Append(":\n").Append(action.Url.AbsoluteUri).Append("\n\n");
        }

        foreach (var paragraph in content.Closing)
        {
            body.Append(paragraph).Append("\n\n");
        }

        body.Append(text["Email.Signature"]).Append("\n\n-- \n").AppendJoin('\n', Footer()).Append('\n');
        return body.ToString();
    }

    // Who sent it, and how to reach them.
    private IEnumerable<string> Footer() => display.SupportLine() is { } support ? [text["Email.Footer"], support] : [text["Email.Footer"]];

    private static void Paragraph(StringBuilder body, string paragraph) =>
        body.Append("<p style=\"margin:0 0 16px;\">").AppendJoin("<br>", paragraph.Split('\n').Select(Encoder.Encode)).Append("</p>");

    private static string ReadLayout()
    {
        using var stream = typeof(EmailRenderer).Assembly.GetManifestResourceStream("Sigma.Portal.Email.Templates.Layout.html")
            ?? throw new InvalidOperationException("The email layout is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
