using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sigma.Portal.SingleSignOn.Keys;

/// <summary>
/// The keys of the portal's tokens. One key signs ID, access and logout tokens; JWKS publishes it and the keys that
/// are about to sign or signed until recently, so applications can verify across a rotation. From the certificates in
/// <see cref="SingleSignOnOptions"/> when configured; otherwise RSA keys kept in the <see cref="PortalSecretStore"/>
/// (the first made on first start, further ones by <c>rotate-signing-key</c>), so every instance signs with the same key
/// and a database copy without the key ring cannot forge tokens. A symmetric key, kept the same way, encrypts what only
/// the portal reads back (authorization codes, refresh tokens).
/// </summary>
/// <remarks>
/// <para>
/// Rotation of stored keys: a new key is published at once and signs <see cref="PublishLead"/> later (applications
/// refresh their copy of JWKS within that time); the key before it stays published <see cref="RetireAfter"/> after it
/// stopped signing. Every instance reads the keys again every minute and follows without a restart.
/// </para>
/// <para>
/// OpenIddict signs with the first of its signing credentials and orders certificates by their dates, so it is given
/// the signing key alone; the keys only published reach JWKS and token validation here.
/// </para>
/// <para>
/// A portal that cannot read its keys at start (the database away, or a key ring that cannot decrypt them) still
/// serves its pages: the provider signs with keys of this process alone, which no other instance and no later start
/// accepts, until the keys can be read.
/// </para>
/// </remarks>
public sealed class TokenKeys(
    PortalSecretStore secrets,
    IOptions<SingleSignOnOptions> options,
    IOptionsMonitorCache<OpenIddictServerOptions> serverOptions,
    TimeProvider time,
    ILogger<TokenKeys> logger)
    : BackgroundService, IConfigureOptions<OpenIddictServerOptions>, IPostConfigureOptions<OpenIddictServerOptions>,
        IOpenIddictServerHandler<HandleJsonWebKeySetRequestContext>
{
    internal const string KeyName = "TokenSigningKey";
    internal const string Purpose = "Sigma.Portal.SingleSignOn.SigningKey";
    internal const string EncryptionKeyName = "TokenEncryptionKey";
    internal const string EncryptionPurpose = "Sigma.Portal.SingleSignOn.EncryptionKey";

    /// <summary>How long a new key is published before it signs: applications refresh JWKS at least twice a day.</summary>
    public static readonly TimeSpan PublishLead = TimeSpan.FromDays(1);

    /// <summary>How long a key stays published after it stopped signing: longer than any token or ID token hint it signed is used.</summary>
    public static readonly TimeSpan RetireAfter = TimeSpan.FromDays(2);

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    private volatile KeySet? _keys;

    /// <summary>The key id tokens are signed with now (null until the keys were read).</summary>
    public string? SigningKeyId => _keys?.Signing.Key.KeyId;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Reads the keys again; when what signs or what is published changed, OpenIddict reads them at its next request.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var settings = options.Value;
        // A certificate that cannot be read is a configuration error: it fails the start, as the key ring's does.
        (SigningCredentials Signing, List<SecurityKey> PublishedOnly)? loaded = settings.SigningCertificatePath is { } path ? FromCertificates(path, settings) : null;
        try
        {
            var encryption = await secrets.GetOrCreateAsync(
                EncryptionKeyName, EncryptionPurpose, static () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), ct);
            var (signing, publishedOnly) = loaded ?? await FromStoreAsync(ct);
            var keys = new KeySet(signing, publishedOnly, KeySet.Encrypting(Convert.FromBase64String(encryption)));
            var before = _keys;
            _keys = keys;
            if (before?.Fingerprint != keys.Fingerprint)
            {
                // OpenIddict may have read its options with other keys (or this process's own): it reads them again.
                serverOptions.TryRemove(Microsoft.Extensions.Options.Options.DefaultName);
                SingleSignOnLog.SigningKeysRead(logger, keys.Signing.Key.KeyId, keys.PublishedOnly.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            SingleSignOnLog.TokenKeysUnavailable(logger, e);
        }
    }

    /// <summary>Makes a further stored key: published from now, signing from <see cref="PublishLead"/> later.</summary>
    /// <returns>The new key's id, or null when the keys come from certificates (rotate those in configuration).</returns>
    public async Task<string?> RotateAsync(CancellationToken ct)
    {
        if (options.Value.SigningCertificatePath is not null)
        {
            return null;
        }

        var pkcs8 = NewPkcs8();
        await secrets.AddAsync($"{KeyName}:{time.GetUtcNow().UtcDateTime:yyyyMMddHHmmssfff}", Purpose, pkcs8, ct);
        var id = Rsa(pkcs8).KeyId;
        SingleSignOnLog.SigningKeyCreated(logger, id);
        return id;
    }

    public void Configure(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = _keys ?? KeySet.OfThisProcess;
        options.SigningCredentials.Add(keys.Signing);
        options.EncryptionCredentials.Add(keys.Encryption);
    }

    public void PostConfigure(string? name, OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Tokens the portal reads back (an id_token_hint) may be signed by a key that signs no longer, or not yet.
        options.TokenValidationParameters.IssuerSigningKeys =
            [.. options.TokenValidationParameters.IssuerSigningKeys ?? [], .. (_keys ?? KeySet.OfThisProcess).PublishedOnly];
    }

    /// <summary>JWKS: after OpenIddict's own (the signing key), the keys only published.</summary>
    public ValueTask HandleAsync(HandleJsonWebKeySetRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var key in (_keys ?? KeySet.OfThisProcess).PublishedOnly)
        {
            var published = key is X509SecurityKey certificate
                ? JsonWebKeyConverter.ConvertFromX509SecurityKey(certificate, representAsRsaKey: true)
                : JsonWebKeyConverter.ConvertFromSecurityKey(key);
            published.Use = JsonWebKeyUseNames.Sig;
            published.Alg = SecurityAlgorithms.RsaSha256;
            context.Keys.Add(published);
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_keys is null ? RetryInterval : RefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (ConfigurationException e)
            {
                // A certificate that was readable at start is not now: the keys read before stay.
                SingleSignOnLog.TokenKeysUnavailable(logger, e);
            }
        }
    }

    private static (SigningCredentials Signing, List<SecurityKey> PublishedOnly) FromCertificates(string path, SingleSignOnOptions settings)
    {
        var certificates = new[] { path }.Concat(settings.AdditionalCertificatePaths)
            .Select(file => new X509SecurityKey(CertificateFiles.LoadWithPrivateKey(file, settings.CertificatePassword, "SingleSignOn:SigningCertificatePath")))
            .ToList();
        return (new SigningCredentials(certificates[0], SecurityAlgorithms.RsaSha256), [.. certificates.Skip(1)]);
    }

    private async Task<(SigningCredentials Signing, List<SecurityKey> PublishedOnly)> FromStoreAsync(CancellationToken ct)
    {
        await secrets.GetOrCreateAsync(KeyName, Purpose, NewPkcs8, ct);
        var stored = (await secrets.ListAsync(KeyName, Purpose, ct))
            .Select((entry, index) => (Key: Rsa(entry.Value), SignsFrom: index == 0 ? entry.CreatedUtc : entry.CreatedUtc + PublishLead))
            .ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var signing = stored.FindLastIndex(k => k.SignsFrom <= now);
        signing = Math.Max(signing, 0);
        var published = stored
            .Where((k, i) => i > signing || (i < signing && stored[i + 1].SignsFrom + RetireAfter > now))
            .Select(k => (SecurityKey)k.Key)
            .ToList();
        return (new SigningCredentials(stored[signing].Key, SecurityAlgorithms.RsaSha256), published);
    }

    private static string NewPkcs8()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    }

    private static RsaSecurityKey Rsa(string pkcs8)
    {
        // Kept for the life of the process: the key signs tokens.
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(pkcs8), out _);
        return KeySet.Rsa(rsa);
    }

    private sealed record KeySet(SigningCredentials Signing, IReadOnlyList<SecurityKey> PublishedOnly, EncryptingCredentials Encryption)
    {
        /// <summary>Made once per process, used only while the stored keys cannot be read.</summary>
        public static readonly KeySet OfThisProcess = new(
            new SigningCredentials(Rsa(RSA.Create(2048)), SecurityAlgorithms.RsaSha256),
            [],
            Encrypting(RandomNumberGenerator.GetBytes(32)));

        public string Fingerprint => string.Join('|', PublishedOnly.Select(k => k.KeyId).Prepend(Signing.Key.KeyId));

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
