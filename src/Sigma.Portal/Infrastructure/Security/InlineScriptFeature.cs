namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// A response that carries one inline script a library writes (OpenIddict's form_post page submits its form with one)
/// names its SHA-256 here, and the policy of that response alone allows exactly that script.
/// </summary>
public sealed class InlineScriptFeature(string sha256)
{
    /// <summary>The script's SHA-256, base64, as CSP's <c>'sha256-…'</c> source takes it.</summary>
    public string Sha256 { get; } = sha256;
}
