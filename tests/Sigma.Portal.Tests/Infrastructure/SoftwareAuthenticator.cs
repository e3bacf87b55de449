using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// A passkey in software, laid out as WebAuthn Level 3 describes it: one ECDSA P-256 key, a credential id, a signature
/// counter. It answers the portal's creation and request options with the JSON a browser would post, and can be told
/// to lie about the origin, the relying party, the challenge or the user's verification, as an attacker's would.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte AttestedCredentialData = 0x40;

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private string? _userHandle;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The counter the next ceremony reports; authenticators that keep one count up.</summary>
    public uint SignCount { get; set; }

    /// <summary>The answer to navigator.credentials.create() with these options.</summary>
    public string Create(string creationOptionsJson, Presented presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var options = JsonNode.Parse(creationOptionsJson)!;
        _userHandle = options["user"]!["id"]!.GetValue<string>();
        var clientData = ClientData("webauthn.create", options, presented);
        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(AuthenticatorData(options["rp"]!["id"]!.GetValue<string>(), presented, attested: true));
        attestation.WriteEndMap();
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Encode(clientData),
            ["attestationObject"] = Encode(attestation.Encode()),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>The answer to navigator.credentials.get() with these options.</summary>
    public string Get(string requestOptionsJson, Presented presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var options = JsonNode.Parse(requestOptionsJson)!;
        var clientData = ClientData("webauthn.get", options, presented);
        var authenticatorData = AuthenticatorData(options["rpId"]!.GetValue<string>(), presented, attested: false);
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Encode(clientData),
            ["authenticatorData"] = Encode(authenticatorData),
            ["signature"] = Encode(signature),
            ["userHandle"] = _userHandle,
        });
    }

    public void Dispose() => _key.Dispose();

    private static byte[] ClientData(string type, JsonNode options, Presented presented) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["type"] = type,
            ["challenge"] = presented.Challenge ?? options["challenge"]!.GetValue<string>(),
            ["origin"] = presented.Origin,
            ["crossOrigin"] = presented.CrossOrigin,
        }.ToJsonString());

    private byte[] AuthenticatorData(string rpId, Presented presented, bool attested)
    {
        var flags = (byte)(UserPresent | (presented.UserVerified ? UserVerified : 0) | (attested ? AttestedCredentialData : 0));
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(presented.RpId ?? rpId))) { flags };
        data.AddRange([(byte)(SignCount >> 24), (byte)(SignCount >> 16), (byte)(SignCount >> 8), (byte)SignCount]);
        if (attested)
        {
            data.AddRange(new byte[16]);
            data.AddRange([(byte)(CredentialId.Length >> 8), (byte)CredentialId.Length]);
            data.AddRange(CredentialId);
            data.AddRange(PublicKey());
        }

        return [.. data];
    }

    // COSE_Key (RFC 9053): EC2 key type, ES256, curve P-256, then x and y.
    private byte[] PublicKey()
    {
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2);
        cose.WriteInt32(3);
        cose.WriteInt32(-7);
        cose.WriteInt32(-1);
        cose.WriteInt32(1);
        cose.WriteInt32(-2);
        cose.WriteByteString(point.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(point.Y!);
        cose.WriteEndMap();
        return cose.Encode();
    }

    private string Credential(JsonObject response)
    {
        var id = Encode(CredentialId);
        return new JsonObject
        {
            ["id"] = id,
            ["rawId"] = id,
            ["type"] = "public-key",
            ["response"] = response,
            ["clientExtensionResults"] = new JsonObject(),
            ["authenticatorAttachment"] = "platform",
        }.ToJsonString();
    }

    private static string Encode(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);

    /// <summary>What the browser and the authenticator say about the ceremony; an attacker's may say anything.</summary>
    public sealed record Presented(string Origin)
    {
        public string? RpId { get; init; }

        public string? Challenge { get; init; }

        public bool UserVerified { get; init; } = true;

        public bool CrossOrigin { get; init; }
    }
}
