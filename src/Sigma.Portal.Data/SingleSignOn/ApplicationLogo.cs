namespace Sigma.Portal.Data.SingleSignOn;

/// <summary>
/// The picture on an application's tile, uploaded by an administrator. Kept apart from the registration so that reading
/// the applications (every token request, every start page) never loads the picture.
/// </summary>
public sealed class ApplicationLogo
{
    public string ClientId { get; set; } = "";

    /// <summary>image/png, image/jpeg or image/webp, as the content's own first bytes say, never as the upload claimed.</summary>
    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTime UpdatedUtc { get; set; }
}
