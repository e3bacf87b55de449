using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Sigma.Portal.Accounts.Passwords;

/// <summary>
/// Identity's PBKDF2-HMAC-SHA512 hasher at <see cref="PasswordWorkOptions.HashIterations"/> (OWASP's 210,000 by
/// default and at least that outside the test suite), on the NFKC-normalised password, so the same
/// passphrase typed on another keyboard (composed or decomposed accents) still matches. Nothing is truncated or
/// case-folded. Hashes with fewer iterations report <see cref="PasswordVerificationResult.SuccessRehashNeeded"/> and
/// are upgraded at the next sign-in.
/// </summary>
public sealed class PortalPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<PortalUser>
{
    /// <summary>OWASP's recommendation for PBKDF2-HMAC-SHA512: the default, and the floor outside the Test environment.</summary>
    public const int ProductionIterations = 210_000;

    private readonly PasswordHasher<PortalUser> _inner = new(options);

    public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, Normalize(password));

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword) =>
        _inner.VerifyHashedPassword(user, hashedPassword, Normalize(providedPassword));

    /// <summary>NFKC, or the text as it is when it is not well-formed Unicode (it then matches only itself).</summary>
    public static string Normalize(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        try
        {
            return password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return password;
        }
    }
}
