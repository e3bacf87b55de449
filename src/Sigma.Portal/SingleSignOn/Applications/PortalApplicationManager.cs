using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// OpenIddict's application manager, with client secrets kept as a keyed hash (<see cref="SecretHasher"/>) instead of
/// PBKDF2. A slow hash protects guessable passwords; a client secret is 256 random bits the portal made, which no
/// guessing reaches, and a copy of the table without the hashing key (itself encrypted by the key ring) tests nothing.
/// PBKDF2 cost a few milliseconds of CPU on every token request (docs/performance.md, "Single sign-on").
/// </summary>
public sealed class PortalApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication<Guid>> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication<Guid>>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication<Guid>> store,
    SecretHasher hasher)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication<Guid>>(cache, logger, options, store)
{
    private const string Prefix = "hmac-sha256:";

    protected override async ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        Prefix + await hasher.HashAsync("client-secret:" + secret, cancellationToken);

    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparand);
        if (!comparand.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        }

        var expected = Encoding.ASCII.GetBytes(comparand);
        var actual = Encoding.ASCII.GetBytes(await ObfuscateClientSecretAsync(secret, cancellationToken));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
