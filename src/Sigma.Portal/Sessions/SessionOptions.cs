using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Sessions;

/// <summary>Section <c>Sessions</c>. Defaults follow NIST SP 800-63B AAL2: 30 minutes idle, 12 hours at most.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00", ErrorMessage = "Sessions:IdleTimeout must be between 5 minutes and 1 day.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:30:00", "7.00:00:00", ErrorMessage = "Sessions:AbsoluteLifetime must be between 30 minutes and 7 days.")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}
