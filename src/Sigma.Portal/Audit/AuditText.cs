namespace Sigma.Portal.Audit;

/// <summary>Names of security events and the events table (AuditText.nl.resx, .en.resx).</summary>
public sealed class AuditText;
