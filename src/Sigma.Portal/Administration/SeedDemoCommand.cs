using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using OtpNet;
using Sigma.Portal.Accounts.Invitations;
using Sigma.Portal.Localisation;
using Sigma.Portal.TwoFactor.Authenticators;

namespace Sigma.Portal.Administration;

/// <summary>
/// <c>seed-demo --users N --out users.csv [--i-know-this-is-not-production]</c>: N active employee accounts with a
/// password and an enrolled authenticator, written as <c>email,password,totpSecret</c> for the load tool. Only in
/// Development unless the flag says otherwise: the file holds working credentials. The accounts of one run share one
/// password and so one hash (computed once, at full cost, so signing in costs what it does in production); that is
/// what makes 10,000 accounts a matter of seconds instead of half an hour of hashing.
/// </summary>
public sealed class SeedDemoCommand(
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    IPasswordHasher<PortalUser> hasher,
    AuthenticatorSecrets secrets,
    TimeProvider time,
    IStringLocalizer<AdministrationText> text) : IPortalCommand
{
    public const string NotProductionFlag = "--i-know-this-is-not-production";
    private const int ChunkSize = 1_000;

    public string Name => "seed-demo";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!environment.IsDevelopment() && !arguments.Contains(NotProductionFlag))
        {
            await Console.Error.WriteLineAsync(text["SeedDemo.Refused", environment.EnvironmentName, NotProductionFlag]);
            return 2;
        }

        var output = CommandLine.Option(arguments, "--out");
        if (!int.TryParse(CommandLine.Option(arguments, "--users"), CultureInfo.InvariantCulture, out var count) || count is < 1 or > 1_000_000
            || string.IsNullOrWhiteSpace(output))
        {
            await Console.Error.WriteLineAsync(text["SeedDemo.Usage"]);
            return 2;
        }

        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var password = "Demo-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
        var hash = hasher.HashPassword(new PortalUser(), password);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Working credentials: readable by the owner only.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(output, fileOptions);
        await using var writer = new StreamWriter(file);
        await writer.WriteLineAsync("email,password,totpSecret");
        for (var start = 0; start < count; start += ChunkSize)
        {
            await using var scope = scopes.CreateAsyncScope();
            var creator = scope.ServiceProvider.GetRequiredService<AccountCreator>();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var i in Enumerable.Range(start, Math.Min(ChunkSize, count - start)))
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"demo-{run}-{i:D6}@demo.example");
                var user = creator.NewUser(new NewAccount { Email = email, DisplayName = $"Demo {i:D6}", AccountType = AccountType.Employee, Language = "nl" });
                user.PasswordHash = hash;
                user.EmailConfirmed = true;
                user.ActivatedUtc = now;
                var secret = AuthenticatorSecrets.NewSecret();
                db.Users.Add(user);
                db.Authenticators.Add(secrets.NewAuthenticator(user.Id, secret, now, activatedUtc: now));
                await writer.WriteLineAsync($"{email},{password},{Base32Encoding.ToString(secret).TrimEnd('=')}");
            }

            await db.SaveChangesAsync(ct);
        }

        Console.WriteLine(text.Plural("SeedDemo.Done", count, count, output));
        return 0;
    }
}
