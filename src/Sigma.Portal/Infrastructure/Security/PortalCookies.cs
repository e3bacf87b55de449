namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Cookie names and their protection. Outside Development every cookie is Secure and carries the <c>__Host-</c>
/// prefix, which browsers accept only for Secure, host-only cookies on path "/", so a subdomain cannot plant one.
/// Development serves plain http on localhost, where such cookies would be refused.
/// </summary>
public sealed class PortalCookies(bool secure)
{
    public bool Secure { get; } = secure;

    public CookieSecurePolicy SecurePolicy => Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    public string Session => Name("Sigma.Session");

    public string TwoFactor => Name("Sigma.TwoFactor");

    public string Antiforgery => Name("Sigma.Antiforgery");

    public string Language => Name("Sigma.Language");

    /// <summary>The language of the account last signed in or opened by a link, below the switch's choice.</summary>
    public string AccountLanguage => Name("Sigma.AccountLanguage");

    public string AccountChoice => Name("Sigma.AccountChoice");

    public string TempData => Name("Sigma.TempData");

    public string Reauthenticated => Name("Sigma.Reauthenticated");

    private string Name(string name) => Secure ? "__Host-" + name : name;
}
