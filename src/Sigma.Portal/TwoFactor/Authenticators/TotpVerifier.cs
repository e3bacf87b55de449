using OtpNet;
using Sigma.Portal.Data.TwoFactor;

namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>
/// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) through Otp.NET, accepting the current step and
/// <see cref="TwoFactorOptions.AllowedClockSkewSteps"/> either side. Each step is accepted once per authenticator: a
/// replayed code, or one older than the last accepted, is refused — decided by one conditional UPDATE, so two parallel
/// requests with the same code cannot both succeed.
/// </summary>
public sealed class TotpVerifier(
    PortalDbContext db,
    AuthenticatorSecrets secrets,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<TotpVerifier> logger)
{
    public async Task<TotpResult> VerifyAsync(Authenticator authenticator, string? code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        var digits = Normalize(code);
        if (digits is null)
        {
            TwoFactorLog.CodeRejected(logger, authenticator.UserId);
            return TotpResult.Invalid;
        }

        var skew = options.Value.AllowedClockSkewSteps;
        var now = time.GetUtcNow().UtcDateTime;
        var totp = new Totp(secrets.Unprotect(authenticator));
        // Pass the time in: Otp.NET's overloads without a timestamp read the wall clock.
        if (!totp.VerifyTotp(now, digits, out var step, new VerificationWindow(skew, skew)))
        {
            TwoFactorLog.CodeRejected(logger, authenticator.UserId);
            return TotpResult.Invalid;
        }

        var claimed = await db.Authenticators
            .Where(a => a.Id == authenticator.Id && a.LastAcceptedStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastAcceptedStep, step).SetProperty(a => a.LastUsedUtc, now), ct);
        if (claimed == 0)
        {
            TwoFactorLog.CodeReplayed(logger, authenticator.UserId);
            return TotpResult.Replayed;
        }

        return TotpResult.Accepted;
    }

    /// <summary>Six digits, spaces tolerated ("123 456"); anything else is no code.</summary>
    internal static string? Normalize(string? code)
    {
        if (code is null || code.Length > 20)
        {
            return null;
        }

        var digits = string.Concat(code.Where(c => !char.IsWhiteSpace(c)));
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
