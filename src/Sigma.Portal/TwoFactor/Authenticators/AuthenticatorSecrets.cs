using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>
/// The TOTP shared secrets: 160 bits from the system's CSPRNG (RFC 4226 recommends 160), encrypted at rest with
/// Data Protection under their own purpose, decrypted only to verify a code or to show the QR code during setup.
/// </summary>
public sealed class AuthenticatorSecrets(IDataProtectionProvider protection)
{
    public const string Purpose = "Sigma.Portal.TwoFactor.AuthenticatorSecret";

    private const int SecretBytes = 20;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public string Protect(byte[] secret) => _protector.Protect(Convert.ToBase64String(secret));

    /// <summary>
    /// A new authenticator of <paramref name="userId"/> holding <paramref name="secret"/> encrypted: pending until
    /// validated, or already active from <paramref name="activatedUtc"/> (demo accounts, tests and benchmarks).
    /// </summary>
    public Authenticator NewAuthenticator(Guid userId, byte[] secret, DateTime createdUtc, DateTime? activatedUtc = null) => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId,
        Status = activatedUtc is null ? AuthenticatorStatus.Pending : AuthenticatorStatus.Active,
        ProtectedSecret = Protect(secret),
        CreatedUtc = createdUtc,
        ActivatedUtc = activatedUtc,
    };

    public byte[] Unprotect(Authenticator authenticator)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        return Convert.FromBase64String(_protector.Unprotect(authenticator.ProtectedSecret));
    }

    /// <summary>The key as people type it into an app: Base32 in groups of four.</summary>
    public static string ManualKey(byte[] secret) =>
        string.Join(' ', Base32Encoding.ToString(secret).TrimEnd('=').Chunk(4).Select(group => new string(group)));
}
