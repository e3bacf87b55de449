using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Sigma.Portal.Infrastructure.Mvc;

namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>
/// Loads the account whose password this browser verified (its security stamp unchanged) for every action of the
/// controller or action, as <see cref="CurrentAccountAttribute"/>; without one, the browser starts again at the login page.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PasswordVerifiedAccountAttribute() : TypeFilterAttribute(typeof(Filter))
{
    private sealed class Filter(TwoFactorSignIn signIn) : IAsyncResourceFilter
    {
        public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            if (await signIn.CurrentUserAsync(context.HttpContext.User, context.HttpContext.RequestAborted) is not { } account)
            {
                context.Result = new RedirectToActionResult("Login", "Login", null);
                return;
            }

            CurrentAccountAttribute.Set(context.HttpContext, account);
            await next();
        }
    }
}
