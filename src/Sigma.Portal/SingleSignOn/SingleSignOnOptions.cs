using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.SingleSignOn;

/// <summary>
/// Section <c>SingleSignOn</c>: the portal as OpenID Connect provider. Without certificates the signing key is made on
/// first start and kept in the database, encrypted with the key ring (docs/sso.md).
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "SingleSignOn";

    /// <summary>A PFX whose RSA key signs the tokens, instead of the key kept in the database.</summary>
    public string? SigningCertificatePath { get; set; }

    /// <summary>Certificates published for validation only: the next one before it signs, the previous one after.</summary>
    public IList<string> AdditionalCertificatePaths { get; } = [];

    public string? CertificatePassword { get; set; }

    /// <summary>How long an authorization code may wait to be redeemed: one minute, as RFC 9700 recommends.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00", ErrorMessage = "SingleSignOn:AuthorizationCodeLifetime must be between 30 seconds and 10 minutes.")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Access tokens are not revocable once issued (they are self-contained), so they stay short.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "SingleSignOn:AccessTokenLifetime must be between 1 minute and 1 hour.")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "SingleSignOn:IdentityTokenLifetime must be between 1 minute and 1 hour.")]
    public TimeSpan IdentityTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest a refresh token lives; each one is also refused once the portal session it came from ends. At most a
    /// week: used tokens are kept two weeks (<c>ProviderPruneJob</c>), so a reused one is always recognised as reused.
    /// </summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00", ErrorMessage = "SingleSignOn:RefreshTokenLifetime must be between 10 minutes and 7 days.")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How often ended sessions are looked for when none ended on this instance (another instance's, an idle or too old
    /// one): the longest an application may wait for its back-channel logout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "SingleSignOn:LogoutPollInterval must be between 5 seconds and 10 minutes.")]
    public TimeSpan LogoutPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delivery attempts of one logout token before it is given up (backoff from 30 seconds to an hour).</summary>
    [Range(1, 50, ErrorMessage = "SingleSignOn:LogoutMaxAttempts must be between 1 and 50.")]
    public int LogoutMaxAttempts { get; set; } = 12;
}
