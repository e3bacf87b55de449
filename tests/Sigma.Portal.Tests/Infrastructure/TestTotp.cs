using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// RFC 6238 written out for the tests, independent of the portal's Otp.NET: HMAC-SHA1 over the 30-second step
/// counter, dynamic truncation (RFC 4226 §5.3), six digits. What an authenticator app computes from the manual key.
/// </summary>
public static class TestTotp
{
    public static string CodeAt(string base32Key, DateTimeOffset time) => CodeAt(FromBase32(base32Key), time.ToUnixTimeSeconds() / 30, 6);

    public static string CodeAt(byte[] key, long step, int digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps use it is HMAC-SHA1; this test computes what they compute.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF;
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>RFC 4648 Base32, spaces ignored (the manual key is shown in groups of four).</summary>
    public static byte[] FromBase32(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in key.Where(c => c is not ' ' and not '='))
        {
            value = (value << 5) | Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
