using System.Buffers;

namespace Sigma.Portal.Accounts.Invitations;

/// <summary>
/// Characters that never belong in a name, organisation or email address. Control characters: a NUL leaves an address
/// no mail server delivers to, CR and LF split lines in emails, CSV exports and logs, a tab hides in a form. And the
/// Unicode bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F and
/// U+061C marks): they make text display in another order than it is stored, so one account can look like another in
/// the console, an email or the audit trail. Every other character, accents and scripts of any language included, is
/// allowed.
/// </summary>
public static class UnsafeCharacters
{
    private static readonly SearchValues<char> Refused = SearchValues.Create(
    [
        .. Range('\u0000', '\u001F'), .. Range('\u007F', '\u009F'),
        '\u061C', '\u200E', '\u200F', .. Range('\u202A', '\u202E'), .. Range('\u2066', '\u2069'),
    ]);

    public static bool AnyIn(string? text) => text is not null && text.AsSpan().ContainsAny(Refused);

    private static IEnumerable<char> Range(char first, char last) => Enumerable.Range(first, last - first + 1).Select(c => (char)c);
}
