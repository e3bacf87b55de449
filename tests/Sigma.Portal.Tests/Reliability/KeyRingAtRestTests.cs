using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Sigma.Portal.Email;
using Sigma.Portal.Sessions;
using Sigma.Portal.SingleSignOn.Keys;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.Authenticators;

namespace Sigma.Portal.Tests.Reliability;

/// <summary>
/// A copy of the database — a backup, or the file of a stolen disk — holding a pending invitation, an enrolled
/// authenticator and a signed-in session, read the way its thief would: with ASP.NET Core's Data Protection, the
/// portal's application name and the key ring found in the copy. Without the certificate kept outside the database
/// nothing in it opens; with the certificate the same program opens everything, so the attack is real.
/// </summary>
public sealed class KeyRingAtRestTests
{
    [Fact]
    [Trait("Attack", "SecretLeakage")]
    public async Task DatabaseCopy_WithoutTheKeyRingCertificate_OpensNoAccount()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var portal = new PortalFactory { ManualDispatch = true };
        await portal.InitializeAsync();
        await new AccountBuilder(portal).InvitedAsync(ct);
        var person = await new AccountBuilder(portal).WithAuthenticatorAsync(ct);
        await portal.NewBrowser().SignInAsync(portal, person, ct);
        var copy = CopyOf(portal.DatabasePath, portal.Folder);

        var keyRing = KeyRingIn(copy, Directory.CreateDirectory(Path.Combine(portal.Folder, "stolen-keys")).FullName);
        var secrets = ProtectedValuesIn(copy);
        var thief = DataProtectionProvider.Create(keyRing, b => b.SetApplicationName("Sigma.Portal"));
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(TestCertificates.KeyRing, null);
        var owner = DataProtectionProvider.Create(keyRing, b => b.SetApplicationName("Sigma.Portal").UnprotectKeysWithAnyCertificate(certificate));

        Assert.Equal(
            ["authenticator secret", "outbox body", "secret-hashing key", "session ticket", "token encryption key", "token signing key"],
            secrets.Select(s => s.What).Distinct().Order());
        Assert.All(Directory.GetFiles(keyRing.FullName), file => Assert.Contains("<encryptedSecret", File.ReadAllText(file), StringComparison.Ordinal));
        foreach (var (what, purpose, payload) in secrets)
        {
            Assert.Throws<CryptographicException>(() => thief.CreateProtector(purpose).Unprotect(payload));
            Assert.NotEmpty(owner.CreateProtector(purpose).Unprotect(payload));
        }
    }

    [Fact]
    [Trait("Attack", "SecretLeakage")]
    [UnsupportedOSPlatform("windows")]
    public async Task EmbeddedDefault_WithoutACertificate_MakesOneBesideTheDatabaseThatOnlyItsOwnerReads()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var portal = new PortalFactory { Environment = "Development" };
        portal.Settings["DataProtection:CertificatePath"] = "";
        await portal.InitializeAsync();

        await new AccountBuilder(portal).InvitedAsync(ct);
        var certificate = Path.Combine(portal.Folder, "keyring-protection.pfx");
        var keys = Read(portal.DatabasePath, "SELECT Xml FROM DataProtectionKeys");

        Assert.True(File.Exists(certificate));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificate));
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal));
    }

    private static string CopyOf(string database, string folder)
    {
        var copy = Path.Combine(folder, "copy.db");
        using var source = new SqliteConnection($"Data Source={database}");
        using var target = new SqliteConnection($"Data Source={copy}");
        source.Open();
        source.BackupDatabase(target);
        return copy;
    }

    /// <summary>The key ring's XML as the copy holds it, written out as a folder that Data Protection reads.</summary>
    private static DirectoryInfo KeyRingIn(string copy, string folder)
    {
        foreach (var (xml, index) in Read(copy, "SELECT Xml FROM DataProtectionKeys").Select((xml, i) => (xml, i)))
        {
            XElement.Parse(xml).Save(Path.Combine(folder, $"key-{index}.xml"));
        }

        return new DirectoryInfo(folder);
    }

    private static List<(string What, string Purpose, byte[] Payload)> ProtectedValuesIn(string copy)
    {
        static byte[] Url(string text) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(text);
        return
        [
            .. Read(copy, "SELECT ProtectedSecret FROM Authenticators").Select(v => ("authenticator secret", AuthenticatorSecrets.Purpose, Url(v))),
            .. Read(copy, "SELECT ProtectedValue FROM PortalSecrets WHERE Name = 'SecretHashingKey'").Select(v => ("secret-hashing key", "Sigma.Portal.SecretHashingKey", Url(v))),
            .. Read(copy, $"SELECT ProtectedValue FROM PortalSecrets WHERE Name = '{TokenKeys.KeyName}'").Select(v => ("token signing key", TokenKeys.Purpose, Url(v))),
            .. Read(copy, $"SELECT ProtectedValue FROM PortalSecrets WHERE Name = '{TokenKeys.EncryptionKeyName}'").Select(v => ("token encryption key", TokenKeys.EncryptionPurpose, Url(v))),
            .. Read(copy, "SELECT ProtectedTextBody FROM OutboxMessages WHERE ProtectedTextBody <> ''").Select(v => ("outbox body", OutboxWriter.BodyProtectionPurpose, Url(v))),
            .. Read(copy, "SELECT ProtectedTicket FROM UserSessions").Select(v => ("session ticket", DatabaseTicketStore.Purpose, Convert.FromBase64String(v))),
        ];
    }

    private static List<string> Read(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
