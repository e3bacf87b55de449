using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sigma.Portal.SingleSignOn.Authorization;

/// <summary>
/// <c>response_mode=form_post</c>: OpenIddict answers with a page whose one inline script sends the code to the
/// application. That response alone allows exactly that script (by its hash); every other page allows none.
/// </summary>
internal static class FormPostScript
{
    /// <summary>The script OpenIddict writes on its form_post page; a browser test fails when a new version changes it.</summary>
    private const string Script = "document.form.submit();";

    public static readonly string Sha256 = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));

    public static void AllowOnFormPostPage(OpenIddictServerBuilder server) =>
        server.AddEventHandler<OpenIddictServerEvents.ApplyAuthorizationResponseContext>(handler => handler
            .UseInlineHandler(static context =>
            {
                if (context.ResponseMode == ResponseModes.FormPost && context.Transaction.GetHttpRequest() is { } request)
                {
                    request.HttpContext.Features.Set(new InlineScriptFeature(Sha256));
                }

                return default;
            })
            // Just before OpenIddict writes the page, when the response mode is settled.
            .SetOrder(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFormPostResponse.Descriptor.Order - 1));
}
