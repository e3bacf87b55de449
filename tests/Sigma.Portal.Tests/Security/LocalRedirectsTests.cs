using Sigma.Portal.Infrastructure.Mvc;

namespace Sigma.Portal.Tests.Security;

/// <summary>The rule every return URL passes before it becomes a Location (<see cref="LocalRedirects.Location"/>).</summary>
public sealed class LocalRedirectsTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("~/Settings", "~/Settings")]
    [InlineData("/help/lost-phone?lang=en#comments", "/help/lost-phone?lang=en#comments")]
    [InlineData("/help/café", "/help/caf%C3%A9")]
    [InlineData("/é", "/%C3%A9")]
    [InlineData("/help?vraag=één twee", "/help?vraag=%C3%A9%C3%A9n%20twee")]
    [InlineData("/help/😀", "/help/%F0%9F%98%80")]
    [InlineData("/help/\u202Eevil", "/help/%E2%80%AEevil")]
    [InlineData("/a\"<>\\^`{|}[]", "/a%22%3C%3E%5C%5E%60%7B%7C%7D%5B%5D")]
    [InlineData("/help/caf%C3%A9", "/help/caf%C3%A9")]
    [InlineData("/100%", "/100%25")]
    [InlineData("/100%zz", "/100%25zz")]
    public void Location_LocalPath_IsKeptAndEncodedWhereAHeaderNeedsIt(string returnUrl, string expected)
    {
        var location = LocalRedirects.Location(returnUrl);

        Assert.Equal(expected, location);
        Assert.Equal(location, LocalRedirects.Location(location));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("~//evil.example")]
    [InlineData("~/\\evil.example")]
    [InlineData(" /help")]
    [InlineData("javascript:alert(1)")]
    [Trait("Attack", "OpenRedirect")]
    public void Location_NotALocalPath_IsRefused(string? returnUrl)
    {
        Assert.Null(LocalRedirects.Location(returnUrl));
    }

    [Theory]
    [InlineData("/help\r\nSet-Cookie: evil=1")]
    [InlineData("/help\nx")]
    [InlineData("/help\0x")]
    [InlineData("/help\tx")]
    [InlineData("/help\u007Fx")]
    [InlineData("/help\u0085x")]
    [InlineData("/help%0d%0aSet-Cookie:%20evil=1")]
    [InlineData("/help%0Ax")]
    [InlineData("/help%00x")]
    [InlineData("/help%09x")]
    [InlineData("/help%7fx")]
    [Trait("Attack", "HeaderInjection")]
    public void Location_WithAControlCharacterRawOrEncoded_IsRefused(string returnUrl)
    {
        Assert.Null(LocalRedirects.Location(returnUrl));
    }

    [Fact]
    public void Location_WithALoneSurrogate_IsRefused()
    {
        var broken = new string(['/', 'a', (char)0xD800, 'b']);

        Assert.Null(LocalRedirects.Location(broken));
    }

    [Fact]
    public void Location_LongerThanTheLimitOnceEncoded_IsRefused()
    {
        var longest = "/" + new string('a', LocalRedirects.MaxLength - 1);
        var tooLong = longest + "a";
        var growsTooLong = "/" + string.Concat(Enumerable.Repeat("é", LocalRedirects.MaxLength / 6 + 1));

        Assert.Equal(longest, LocalRedirects.Location(longest));
        Assert.Null(LocalRedirects.Location(tooLong));
        Assert.Null(LocalRedirects.Location(growsTooLong));
        Assert.Null(LocalRedirects.Location("/" + new string('a', 1_000_000)));
    }
}
