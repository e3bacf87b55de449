using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// Finds a controller's views in its feature folder: <c>Sigma.Portal.TwoFactor.SetupController</c> renders
/// <c>/TwoFactor/Views/{view}.cshtml</c>; layouts and partials shared by all features live in <c>/Views/Shared</c>.
/// </summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    public const string SharedLocation = "/Views/Shared/{0}.cshtml";

    private const string FeatureKey = "feature";
    private const string RootNamespace = "Sigma.Portal.";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor controller
            && controller.ControllerTypeInfo.Namespace is { } ns
            && ns.StartsWith(RootNamespace, StringComparison.Ordinal))
        {
            context.Values[FeatureKey] = ns[RootNamespace.Length..].Replace('.', '/');
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Values.TryGetValue(FeatureKey, out var feature) && feature is not null
            ? viewLocations.Prepend("/" + feature + "/Views/{0}.cshtml")
            : viewLocations;
    }
}
