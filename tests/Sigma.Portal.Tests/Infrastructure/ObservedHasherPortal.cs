using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sigma.Portal.Accounts;
using Sigma.Portal.Data.Accounts;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>A portal whose real password hasher is watched: how often it verifies, and what happens while it hashes.</summary>
public sealed class ObservedHasherPortal : PortalFactory
{
    public ObservedHasher Hasher => (ObservedHasher)Services.GetRequiredService<IPasswordHasher<PortalUser>>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
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
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public Action? WhileHashing { get; set; }

    public string HashPassword(PortalUser user, string password)
    {
        WhileHashing?.Invoke();
        return inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
