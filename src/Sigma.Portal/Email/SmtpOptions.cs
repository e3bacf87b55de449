using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Email;

/// <summary>Section <c>Smtp</c>: the server the outbox dispatcher hands email to.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>Required in Production. Without it in Development, mail stays in the outbox (see /dev/mailbox).</summary>
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    [EmailAddress(ErrorMessage = "Smtp:From must be an email address.")]
    public string From { get; set; } = "no-reply@sigma-personeelsdiensten.nl";

    [Required(ErrorMessage = "Smtp:FromName is required.")]
    public string FromName { get; set; } = "Sigma Personeelsdiensten";

    /// <summary>How long one SMTP command may take before the attempt counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Smtp:Timeout must be between 1 second and 10 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
