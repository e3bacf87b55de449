using Microsoft.AspNetCore.Mvc;

namespace Sigma.Portal.TwoFactor.Passkeys;

/// <summary>
/// What portal.js asks for before a passkey ceremony: the options for the browser (already JSON, as Identity makes them)
/// and the ceremony they belong to, which the answer names.
/// </summary>
public static class CeremonyOptions
{
    public static ContentResult For(Guid ceremony, string optionsJson) => new()
    {
        Content = $$"""{"ceremony":"{{ceremony}}","options":{{optionsJson}}}""",
        ContentType = "application/json",
    };
}
