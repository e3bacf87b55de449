using System.Security.Cryptography;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Random one-time codes people read and type (recovery codes, access passes) in Crockford's Base32 alphabet: no I,
/// L, O or U, so nothing is mistaken for 1 or 0, and typed input is forgiving (lower case, dashes, spaces, O for 0).
/// Five bits per character.
/// </summary>
public static class CrockfordCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new code of <paramref name="length"/> characters from the system's CSPRNG, without separators.</summary>
    public static string Generate(int length) => new(RandomNumberGenerator.GetItems<char>(Alphabet, length));

    /// <summary>The code in groups for display: "ABCDE-FGHJK" for groups of five.</summary>
    public static string Format(string code, int group) =>
        string.Join('-', (code ?? throw new ArgumentNullException(nameof(code))).Chunk(group).Select(part => new string(part)));

    /// <summary>The canonical form of typed input, or null when it cannot be a code of this length.</summary>
    public static string? Normalize(string? input, int length)
    {
        if (input is null || input.Length > length * 3)
        {
            return null;
        }

        var cleaned = string.Concat(input.Where(c => !char.IsWhiteSpace(c) && c != '-'))
            .ToUpperInvariant()
            .Replace('O', '0').Replace('I', '1').Replace('L', '1');
        return cleaned.Length == length && cleaned.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? cleaned : null;
    }
}
