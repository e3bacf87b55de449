using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Sigma.Portal.SingleSignOn.Keys;

/// <summary>
/// The keys of the portal's tokens. Signing keys sign ID and access tokens and are published in JWKS: from the
/// certificates in <see cref="SingleSignOnOptions"/> when configured; otherwise one RSA key made on first start and kept
/// in the <see cref="PortalSecretStore"/>, so every instance signs with the same key and a database copy without the key
/// ring cannot forge tokens. A symmetric key, kept the same way, encrypts what only the portal reads back
/// (authorization codes, refresh tokens). Read at start, after the database is migrated.
/// </summary>
/// <remarks>
/// A portal that cannot read its keys at start (the database away, or a key ring that cannot decrypt them) still
/// serves its pages: the provider signs with keys of this process alone, which no other instance and no later start
/// accepts, and the keys are read again every half minute until they are there.
/// </remarks>
public sealed class TokenKeys(
    PortalSecretStore secrets,
    IOptions<SingleSignOnOptions> options,
    IOptionsMonitorCache<OpenIddictServerOptions> serverOptions,
    TimeProvider time,
    ILogger<TokenKeys> logger) : BackgroundService, IConfigureOptions<OpenIddictServerOptions>
{
    internal const string KeyName = "TokenSigningKey";
    internal const string Purpose = "Sigma.Portal.SingleSignOn.SigningKey";
    internal const string EncryptionKeyName = "TokenEncryptionKey";
    internal const string EncryptionPurpose = "Sigma.Portal.SingleSignOn.EncryptionKey";
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private volatile Keys? _keys;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryLoadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public void Configure(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = _keys ?? Keys.OfThisProcess;
        options.SigningCredentials.AddRange(keys.Signing);
        options.EncryptionCredentials.Add(keys.Encryption);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (_keys is null && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryLoadAsync(stoppingToken))
            {
                // OpenIddict read its options with this process's keys: the next request reads them again.
                serverOptions.TryRemove(Microsoft.Extensions.Options.Options.DefaultName);
            }
        }
    }

    private async Task<bool> TryLoadAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var signing = settings.SigningCertificatePath is { } path
            ? LoadCertificates(path, settings)
            : null;
        try
        {
            var encryption = await secrets.GetOrCreateAsync(
                EncryptionKeyName, EncryptionPurpose, static () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);
            signing ??= [new SigningCredentials(await StoredSigningKeyAsync(ct), SecurityAlgorithms.RsaSha256)];
            _keys = new Keys(signing, Keys.Encrypting(Convert.FromBase64String(encryption)));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            SingleSignOnLog.TokenKeysUnavailable(logger, e);
            return false;
        }
    }

    private static List<SigningCredentials> LoadCertificates(string path, SingleSignOnOptions settings) =>
        // The configured one signs; the others are published so tokens of the previous key and the next key verify.
        [.. new[] { path }.Concat(settings.AdditionalCertificatePaths)
            .Select(file => CertificateFiles.LoadWithPrivateKey(file, settings.CertificatePassword, "SingleSignOn:SigningCertificatePath"))
            .Select(certificate => new SigningCredentials(new X509SecurityKey(certificate), SecurityAlgorithms.RsaSha256))];

    private async Task<RsaSecurityKey> StoredSigningKeyAsync(CancellationToken ct)
    {
        var created = false;
        var pkcs8 = await secrets.GetOrCreateAsync(KeyName, Purpose, () =>
        {
            created = true;
            using var rsa = RSA.Create(2048);
            return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
        }, ct);
        // Kept for the life of the process: the key signs every token.
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(pkcs8), out _);
        var key = Keys.Rsa(rsa);
        if (created)
        {
            SingleSignOnLog.SigningKeyCreated(logger, key.KeyId);
        }

        return key;
    }

    private sealed record Keys(List<SigningCredentials> Signing, EncryptingCredentials Encryption)
    {
        /// <summary>Made once per process, used only while the stored keys cannot be read.</summary>
        public static readonly Keys OfThisProcess = new(
            [new SigningCredentials(Rsa(RSA.Create(2048)), SecurityAlgorithms.RsaSha256)],
            Encrypting(RandomNumberGenerator.GetBytes(32)));

        public static RsaSecurityKey Rsa(RSA rsa)
        {
            var key = new RsaSecurityKey(rsa);
            // The key id is the RFC 7638 thumbprint: the same on every instance, and new with a new key.
            key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
            return key;
        }

        public static EncryptingCredentials Encrypting(byte[] key) =>
            new(new SymmetricSecurityKey(key), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512);
    }
}
