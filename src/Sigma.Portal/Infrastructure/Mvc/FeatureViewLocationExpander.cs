using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// Finds a controller's views in its folder, then in the folders above it up to the feature: a controller in namespace
/// <c>Sigma.Portal.TwoFactor.SignIn</c> renders <c>/TwoFactor/SignIn/Views/{view}.cshtml</c>, or a view the feature's
/// screens share from <c>/TwoFactor/Views</c>; layouts and partials shared by all features live in <c>/Views/Shared</c>.
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
        if (!context.Values.TryGetValue(FeatureKey, out var feature) || feature is null)
        {
            return viewLocations;
        }

        var folders = new List<string>();
        for (var folder = feature; folder.Length > 0; folder = folder.Contains('/', StringComparison.Ordinal) ? folder[..folder.LastIndexOf('/')] : "")
        {
            folders.Add("/" + folder + "/Views/{0}.cshtml");
        }

        return folders.Concat(viewLocations);
    }
}
