using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.TwoFactor;
using Sigma.Portal.TwoFactor.Passkeys;

namespace Sigma.Portal.Administration;

/// <summary>
/// An administrator turned away from the console only for want of a passkey session is led to the way in instead of the
/// "no access" page: without a passkey, to Settings → passkeys to add one; with one, to the login page to sign in with
/// it and come back. Every other refusal is answered as before.
/// </summary>
internal sealed class AdministratorPasskeyGate(
    ITempDataDictionaryFactory tempData,
    LinkGenerator links,
    IStringLocalizer<TwoFactorText> text) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() is not [AdministratorPasskeyRequirement]
            || context.User.FindAccountId() is not { } userId)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var data = tempData.GetTempData(context);
        string? location;
        // Asked for here, not made for every request that passes authorization.
        if (await context.RequestServices.GetRequiredService<PasskeySignIn>().OfferedAsync(userId, context.RequestAborted))
        {
            data[LoginController.Notice] = "Login.PasskeyForAdministration";
            location = links.GetPathByAction(context, nameof(LoginController.Login), "Login", new { returnUrl = context.Request.Path + context.Request.QueryString.ToString() });
        }
        else
        {
            data[PasskeysController.Notice] = text["Passkeys.RequiredForAdministration"].Value;
            location = links.GetPathByAction(context, nameof(PasskeysController.Index), "Passkeys");
        }

        data.Save();
        context.Response.Redirect(location ?? throw new InvalidOperationException("No route to the way in."));
    }
}
