using System.Text.Json;
using Microsoft.Playwright;

namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>
/// Chromium's virtual passkey device in one person's browser (the DevTools WebAuthn domain): CTAP2, built in, keeping
/// discoverable keys, verifying its user as a phone's PIN or fingerprint would, without a prompt.
/// </summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession _devTools;
    private readonly string _id;

    private VirtualAuthenticator(ICDPSession devTools, string id)
    {
        _devTools = devTools;
        _id = id;
    }

    /// <param name="CredentialId">The key's id, base64.</param>
    /// <param name="UserName">What the browser's chooser shows for the key.</param>
    public sealed record Credential(string CredentialId, string UserName);

    public static async Task<VirtualAuthenticator> AddAsync(IBrowserContext context, IPage page)
    {
        ArgumentNullException.ThrowIfNull(context);
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await devTools.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new VirtualAuthenticator(devTools, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    public async Task<IReadOnlyList<Credential>> CredentialsAsync()
    {
        var answer = await _devTools.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = _id });
        return [.. answer!.Value.GetProperty("credentials").EnumerateArray().Select(c => new Credential(
            c.GetProperty("credentialId").GetString()!,
            c.TryGetProperty("userName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : ""))];
    }

    /// <summary>The key gone from the device, as when a person deletes it from their phone.</summary>
    public Task RemoveCredentialAsync(Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return _devTools.SendAsync("WebAuthn.removeCredential", new Dictionary<string, object>
        {
            ["authenticatorId"] = _id,
            ["credentialId"] = credential.CredentialId,
        });
    }
}
