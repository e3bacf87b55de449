using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// Binds an action's <see cref="PortalUser"/> parameter to the account a controller's resource filter loaded for this
/// request (<see cref="Set"/>), never to anything the request sends. The account is then loaded, and its absence
/// answered, in one place per controller instead of at the top of each action.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CurrentAccountAttribute : ModelBinderAttribute
{
    private static readonly object Key = new();

    public CurrentAccountAttribute()
        : base(typeof(Binder))
    {
    }

    public static void Set(HttpContext http, PortalUser account)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[Key] = account;
    }

    private sealed class Binder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            ArgumentNullException.ThrowIfNull(bindingContext);
            bindingContext.Result = bindingContext.HttpContext.Items[Key] is PortalUser account
                ? ModelBindingResult.Success(account)
                : throw new InvalidOperationException("No account was loaded for this action: its controller needs the filter that loads it.");
            return Task.CompletedTask;
        }
    }
}
