using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Sigma.Portal.Accounts.Passwords;

/// <summary>
/// The password rules of NIST SP 800-63B: long enough (12 to 256 characters, counted as Unicode code points, spaces
/// and any script allowed), not easy to guess (zxcvbn's estimate, which knows the common and breached passwords of
/// its lists) and not built from the person's email or name. No composition rules, no expiry.
/// </summary>
public sealed class PasswordPolicy(IStringLocalizer<AccountsText> text) : IPasswordValidator<PortalUser>
{
    public const int MinimumLength = 12;

    public const int MaximumLength = 256;

    /// <summary>zxcvbn scores 0-4; 3 means at least about 10^8 guesses.</summary>
    private const int MinimumScore = 3;

    private const int MinimumPersonalFragment = 4;

    private static readonly string[] ServiceWords = ["sigma", "personeelsdiensten", "portaal", "portal", "nmbrs"];

    /// <summary>The resource keys of every rule the password breaks; empty when it is acceptable.</summary>
    public IReadOnlyList<string> Check(string? password, string? email, string? displayName)
    {
        if (string.IsNullOrEmpty(password))
        {
            return ["Password.Required"];
        }

        var normalized = PortalPasswordHasher.Normalize(password);
        var length = normalized.EnumerateRunes().Count();
        if (length < MinimumLength)
        {
            return ["Password.TooShort"];
        }

        if (length > MaximumLength)
        {
            return ["Password.TooLong"];
        }

        var personal = PersonalFragments(email, displayName).ToList();
        if (personal.Exists(fragment => normalized.Contains(fragment, StringComparison.OrdinalIgnoreCase)))
        {
            return ["Password.Personal"];
        }

        var estimate = global::Zxcvbn.Zxcvbn.MatchPassword(normalized, personal.Concat(ServiceWords));
        return estimate.Score < MinimumScore ? ["Password.Guessable"] : [];
    }

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var failures = Check(password, user.Email, user.DisplayName);
        return Task.FromResult(failures.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. failures.Select(key => new IdentityError { Code = key, Description = text[key] })]));
    }

    private static IEnumerable<string> PersonalFragments(string? email, string? displayName)
    {
        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim();
            yield return address;
            var at = address.IndexOf('@', StringComparison.Ordinal);
            if (at >= MinimumPersonalFragment)
            {
                yield return address[..at];
            }
        }

        if (!string.IsNullOrWhiteSpace(displayName))
        {
            foreach (var word in displayName.Split([' ', '-', '.', '\''], StringSplitOptions.RemoveEmptyEntries))
            {
                if (new StringInfo(word).LengthInTextElements >= MinimumPersonalFragment)
                {
                    yield return word.Normalize(NormalizationForm.FormKC);
                }
            }
        }
    }
}
