using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Localisation;

/// <summary>
/// Section <c>Support</c>: how people reach Sigma, shown in the footer of every page, on the error pages and under every
/// email. Each part is optional; with none set, nothing is shown rather than an address nobody answers.
/// </summary>
public sealed class SupportOptions
{
    public const string Section = "Support";

    [EmailAddress(ErrorMessage = "Support:Email must be an email address.")]
    [StringLength(254, ErrorMessage = "Support:Email must be at most 254 characters.")]
    public string? Email { get; set; }

    [StringLength(40, ErrorMessage = "Support:Phone must be at most 40 characters.")]
    [RegularExpression(@"^\+?[0-9 ()-]+$", ErrorMessage = "Support:Phone may hold digits, spaces, brackets, hyphens and a leading +.")]
    public string? Phone { get; set; }

    /// <summary>When someone answers, as people read it ("ma–vr 8.00–17.30"); the same text in both languages.</summary>
    [StringLength(80, ErrorMessage = "Support:Hours must be at most 80 characters.")]
    public string? Hours { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone);

    /// <summary>The number to dial from a link: digits and a leading +, nothing else.</summary>
    public string? PhoneLink => string.IsNullOrWhiteSpace(Phone) ? null : "tel:" + string.Concat(Phone.Where(c => char.IsAsciiDigit(c) || c == '+'));
}
