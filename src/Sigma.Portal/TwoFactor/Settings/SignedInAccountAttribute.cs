using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Sigma.Portal.Infrastructure.Mvc;

namespace Sigma.Portal.TwoFactor.Settings;

/// <summary>
/// Loads the signed-in account for every action of the controller, as <see cref="CurrentAccountAttribute"/>; a session
/// whose account is gone is sent to sign in.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignedInAccountAttribute() : TypeFilterAttribute(typeof(Filter))
{
    private sealed class Filter(UserManager<PortalUser> users) : IAsyncResourceFilter
    {
        public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            if (await users.GetUserAsync(context.HttpContext.User) is not { } account)
            {
                context.Result = new ChallengeResult();
                return;
            }

            CurrentAccountAttribute.Set(context.HttpContext, account);
            await next();
        }
    }
}
