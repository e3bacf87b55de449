namespace Sigma.Portal.Email;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP, for a relay on the same host or a test server only.</summary>
    None,

    /// <summary>Upgrade to TLS with STARTTLS (usually port 587); the connection fails if the server cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}
