using Microsoft.Extensions.Localization;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.SingleSignOn.Keys;

/// <summary>
/// <c>rotate-signing-key</c>: makes a new token signing key in the database. It is published at once and signs a day
/// later, on every instance, without a restart; the key it replaces stays published two days after that.
/// </summary>
public sealed class RotateSigningKeyCommand(TokenKeys keys, IStringLocalizer<SingleSignOnText> text, DisplayTexts display, TimeProvider time) : IPortalCommand
{
    public string Name => "rotate-signing-key";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        if (await keys.RotateAsync(ct) is not { } keyId)
        {
            await Console.Error.WriteLineAsync(text["RotateKey.Certificates"]);
            return 1;
        }

        Console.WriteLine(text["RotateKey.Done", keyId, display.Moment((time.GetUtcNow() + TokenKeys.PublishLead).UtcDateTime)]);
        return 0;
    }
}
