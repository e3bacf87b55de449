using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Sigma.Portal.Accounts.Passwords;

namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// A hash of a random password, verified when an email address has no account, so an unknown address costs the same
/// slow hash as a known one and response times do not reveal which addresses exist.
/// </summary>
public sealed class DummyPasswordHash(IPasswordHasher<PortalUser> hasher, PasswordWork work)
{
    private static readonly PortalUser Nobody = new();
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public Task<PasswordVerificationResult> VerifyAsync(string password, CancellationToken ct) =>
        work.RunAsync(() => hasher.VerifyHashedPassword(Nobody, _hash.Value, password), ct);
}
