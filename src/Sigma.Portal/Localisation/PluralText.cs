using Microsoft.Extensions.Localization;

namespace Sigma.Portal.Localisation;

/// <summary>
/// Counted texts. Dutch and English both have two forms, one ("1 opmerking", "1 comment") and other ("0 opmerkingen",
/// "2 comments"), so a counted text has two keys: <c>Key.One</c> and <c>Key.Other</c>.
/// </summary>
public static class PluralText
{
    /// <summary>The key of the form for <paramref name="count"/>.</summary>
    public static string Key(string key, long count) => key + (count == 1 ? ".One" : ".Other");

    /// <summary>The form for <paramref name="count"/>, with the count as {0}.</summary>
    public static LocalizedString Plural(this IStringLocalizer text, string key, long count)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[Key(key, count), count];
    }

    /// <summary>The form for <paramref name="count"/>, with <paramref name="arguments"/> as they are (the count among them).</summary>
    public static LocalizedString Plural(this IStringLocalizer text, string key, long count, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text[Key(key, count), arguments];
    }
}
