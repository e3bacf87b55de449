using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;

namespace Sigma.Portal.Tests.Email;

public sealed class EmailContentTests(PortalFactory app) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Email_Always_HasHtmlAndPlainTextParts()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).InvitedAsync(ct);

        var mail = await (await SmtpSink.Shared).NextMessageAsync(account.Email, ct);

        Assert.False(string.IsNullOrWhiteSpace(mail.HtmlBody));
        Assert.False(string.IsNullOrWhiteSpace(mail.TextBody));
        Assert.Equal(SmtpSink.LinkIn(mail, "/Account/Activate"), new Uri(System.Text.RegularExpressions.Regex.Match(mail.HtmlBody, "href=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal)));
    }

    [Fact]
    [Trait("Attack", "XSS")]
    public async Task Email_WithMarkupInTheName_ShowsItAsText()
    {
        var ct = TestContext.Current.CancellationToken;
        var account = await new AccountBuilder(app).WithName("<script>alert('x')</script> <b>Bold</b>").InvitedAsync(ct);

        var mail = await (await SmtpSink.Shared).NextMessageAsync(account.Email, ct);

        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bold", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.HtmlBody, StringComparison.Ordinal);
    }
}
