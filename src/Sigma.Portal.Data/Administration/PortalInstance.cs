namespace Sigma.Portal.Data.Administration;

/// <summary>
/// One running portal process as it last reported itself (every 30 seconds): several instances on one database each
/// have a row, so the Status page can show them all.
/// </summary>
public sealed class PortalInstance
{
    /// <summary>Made when the process starts; a restart is a new instance.</summary>
    public Guid Id { get; set; }

    public string MachineName { get; set; } = "";

    public string Version { get; set; } = "";

    public DateTime StartedUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }

    /// <summary>Password hashes waiting for a hashing thread when it last reported.</summary>
    public int HashesWaiting { get; set; }

    /// <summary>Sign-ins it refused as busy (503) since it started.</summary>
    public long HashesRefused { get; set; }
}
