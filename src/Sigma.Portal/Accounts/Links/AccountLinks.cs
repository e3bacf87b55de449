namespace Sigma.Portal.Accounts.Links;

/// <summary>
/// Absolute links for emails, always built from <c>Portal:PublicBaseUrl</c> and never from the request, so a forged
/// Host header cannot point a link elsewhere.
/// </summary>
public sealed class AccountLinks(IOptions<PortalOptions> options)
{
    public Uri Activation(Guid userId, string token) => WithToken("Account/Activate", userId, token);

    public Uri PasswordReset(Guid userId, string token) => WithToken("Account/ResetPassword", userId, token);

    public Uri Login() => new(BaseUrl(), "Account/Login");

    private Uri WithToken(string path, Guid userId, string token) =>
        new(BaseUrl(), $"{path}?user={userId:D}&token={Uri.EscapeDataString(token)}");

    private Uri BaseUrl()
    {
        var configured = options.Value.PublicBaseUrl ?? throw new ConfigurationException("Portal:PublicBaseUrl is not set: email links cannot be built.");
        // A base with a path (https://example.nl/portal) must end in "/" or the last segment is replaced.
        return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
    }
}
