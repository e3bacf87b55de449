using System.Globalization;
using OtpNet;

namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>
/// The <c>otpauth://</c> URI a QR code carries (Google's Key Uri Format): the issuer both as label prefix and as
/// parameter, so Microsoft Authenticator shows "Sigma Personeelsdiensten" instead of the email domain, and the account
/// type in the label, so an employee and an employer account of one person are two entries told apart at a glance.
/// </summary>
public static class OtpAuthUri
{
    public static string For(string issuer, string accountLabel, byte[] secret)
    {
        var encodedIssuer = Uri.EscapeDataString(issuer);
        var key = Base32Encoding.ToString(secret).TrimEnd('=');
        return string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{encodedIssuer}:{Uri.EscapeDataString(accountLabel)}?secret={key}&issuer={encodedIssuer}&algorithm=SHA1&digits=6&period=30");
    }
}
