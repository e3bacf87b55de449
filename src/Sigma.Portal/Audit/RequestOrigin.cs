namespace Sigma.Portal.Audit;

/// <summary>
/// When a request came in and from which client address and browser: what an audit event records about its cause. Kept
/// with work done after the request was answered, so the events of that work still name the request.
/// </summary>
public sealed record RequestOrigin(DateTime AtUtc, string? IpAddress, string? UserAgent);
