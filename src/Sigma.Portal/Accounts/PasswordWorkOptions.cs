using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Accounts;

/// <summary>Section <c>PasswordWork</c>: how many password hashes run at once and how many may wait.</summary>
public sealed class PasswordWorkOptions
{
    public const string Section = "PasswordWork";

    /// <summary>Hashes computed at the same time; one per core keeps every core busy and no more.</summary>
    [Range(1, 1024, ErrorMessage = "PasswordWork:ConcurrentHashes must be between 1 and 1024.")]
    public int ConcurrentHashes { get; set; } = Environment.ProcessorCount;

    /// <summary>Sign-ins that may wait for a core; with one hash taking about 0.1 s, 16 per core means waits under 2 s.</summary>
    [Range(0, 100_000, ErrorMessage = "PasswordWork:QueueLimit must be between 0 and 100000.")]
    public int QueueLimit { get; set; } = 16 * Environment.ProcessorCount;
}
