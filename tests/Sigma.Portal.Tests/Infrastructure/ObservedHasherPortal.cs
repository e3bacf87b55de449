using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts.Passwords;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// A portal whose real password hasher is watched (how often it verifies, and what happens while it hashes), with the
/// accounts feature's log, debug lines included, captured.
/// </summary>
public sealed class ObservedHasherPortal : PortalFactory
{
    public ObservedHasherPortal()
    {
        Settings["Logging:LogLevel:Sigma.Portal.Accounts"] = "Debug";
    }

    public ObservedHasher Hasher => (ObservedHasher)Services.GetRequiredService<IPasswordHasher<PortalUser>>();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPasswordHasher<PortalUser>>();
            services.AddSingleton<IPasswordHasher<PortalUser>>(sp =>
                new ObservedHasher(new PortalPasswordHasher(sp.GetRequiredService<IOptions<PasswordHasherOptions>>())));
        });
    }
}

/// <summary>The portal's hasher, counting its verifications and, while making a hash, first letting something else happen.</summary>
public sealed class ObservedHasher(IPasswordHasher<PortalUser> inner) : IPasswordHasher<PortalUser>
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _verificationsOf = new(StringComparer.Ordinal);
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    /// <summary>How often a password was tried against this stored hash: the guesses at one account.</summary>
    public int VerificationsOf(string hashedPassword) => _verificationsOf.GetValueOrDefault(hashedPassword);

    public Action? WhileHashing { get; set; }

    public Action? WhileVerifying { get; set; }

    public string HashPassword(PortalUser user, string password)
    {
        WhileHashing?.Invoke();
        return inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        WhileVerifying?.Invoke();
        _verificationsOf.AddOrUpdate(hashedPassword, 1, (_, count) => count + 1);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
