using System.ComponentModel.DataAnnotations;

namespace Sigma.Portal.Accounts.Passwords;

/// <summary>Section <c>PasswordWork</c>: what one password hash costs, how many run at once and how many may wait.</summary>
public sealed class PasswordWorkOptions
{
    public const string Section = "PasswordWork";

    /// <summary>
    /// PBKDF2-HMAC-SHA512 iterations of a new hash. Below <see cref="PortalPasswordHasher.ProductionIterations"/> only in
    /// the Test environment (<see cref="PasswordWorkOptionsValidator"/>); raising it upgrades stored hashes at sign-in.
    /// </summary>
    [Range(1, 10_000_000, ErrorMessage = "PasswordWork:HashIterations must be between 1 and 10000000.")]
    public int HashIterations { get; set; } = PortalPasswordHasher.ProductionIterations;

    /// <summary>Hashes computed at the same time; one per core keeps every core busy and no more.</summary>
    [Range(1, 1024, ErrorMessage = "PasswordWork:ConcurrentHashes must be between 1 and 1024.")]
    public int ConcurrentHashes { get; set; } = Environment.ProcessorCount;

    /// <summary>Sign-ins that may wait for a hash: a waiting one costs a little memory and no thread.</summary>
    [Range(0, 100_000, ErrorMessage = "PasswordWork:QueueLimit must be between 0 and 100000.")]
    public int QueueLimit { get; set; } = 64 * Environment.ProcessorCount;

    /// <summary>How long a sign-in waits for a hash before it is told to try again (a hash takes about 0.2 s of a core).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "PasswordWork:MaxWait must be between 1 second and 1 minute.")]
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(10);
}
