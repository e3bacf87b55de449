using OpenIddict.Server;

namespace Sigma.Portal.SingleSignOn.Authorization;

/// <summary>
/// Logs what OpenIddict refuses at the token endpoint before the portal's own checks (a replayed code, a wrong secret,
/// a wrong verifier): the client and the error only, never the request's values. Not audited: these name no account,
/// and anyone can send them.
/// </summary>
internal sealed class ProtocolRefusals(ILogger<ProtocolRefusals> logger) : IOpenIddictServerHandler<OpenIddictServerEvents.ApplyTokenResponseContext>
{
    public ValueTask HandleAsync(OpenIddictServerEvents.ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Error is { } error)
        {
            SingleSignOnLog.TokenRefused(logger, context.Request?.ClientId, error);
        }

        return ValueTask.CompletedTask;
    }
}
