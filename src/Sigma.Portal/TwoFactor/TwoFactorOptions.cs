using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.TwoFactor;

/// <summary>Section <c>TwoFactor</c>.</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";

    /// <summary>The name authenticator apps show above the code, and the prefix of the entry's label.</summary>
    [Required(ErrorMessage = "TwoFactor:Issuer is required.")]
    [StringLength(60, ErrorMessage = "TwoFactor:Issuer must be at most 60 characters.")]
    public string Issuer { get; set; } = "Sigma Personeelsdiensten";

    /// <summary>From this moment every sign-in needs an authenticator; before it, setting one up may be skipped.</summary>
    public DateTimeOffset RequiredFrom { get; set; } = new(2024, 10, 7, 0, 0, 0, TimeSpan.FromHours(2));

    /// <summary>Time steps of 30 seconds accepted before and after the current one (clock drift of the phone).</summary>
    [Range(0, 1, ErrorMessage = "TwoFactor:AllowedClockSkewSteps must be 0 or 1.")]
    public int AllowedClockSkewSteps { get; set; } = 1;

    /// <summary>How long a QR code shown for setup stays valid.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00", ErrorMessage = "TwoFactor:SetupLifetime must be between 5 minutes and 1 day.")]
    public TimeSpan SetupLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the step between password and code may take.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "TwoFactor:SignInStepLifetime must be between 1 minute and 1 hour.")]
    public TimeSpan SignInStepLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a re-authentication under Settings unlocks changing the authenticator or recovery codes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "00:30:00", ErrorMessage = "TwoFactor:ReauthenticationLifetime must be between 1 and 30 minutes.")]
    public TimeSpan ReauthenticationLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the one-time access pass an administrator issues after a two-factor reset stays valid.</summary>
    [Range(typeof(TimeSpan), "00:15:00", "7.00:00:00", ErrorMessage = "TwoFactor:AccessPassLifetime must be between 15 minutes and 7 days.")]
    public TimeSpan AccessPassLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The admin console only for a session signed in with a passkey (phishing-resistant); an administrator without
    /// one is led to add it first. Off by default; recommended once every administrator has a passkey
    /// (docs/operations.md). Needs <c>Portal:PublicBaseUrl</c>, without which there are no passkeys.
    /// </summary>
    public bool RequirePasskeyForAdministrators { get; set; }

    [Range(5, 20, ErrorMessage = "TwoFactor:RecoveryCodeCount must be between 5 and 20.")]
    public int RecoveryCodeCount { get; set; } = 10;
}
