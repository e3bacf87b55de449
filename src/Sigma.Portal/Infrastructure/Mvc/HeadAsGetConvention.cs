using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// Every action that answers GET answers HEAD too (RFC 9110 §9.3.2: a HEAD is a GET without the body), as the same
/// endpoint: the same route, authorization, two-factor gate and filters, so a page added tomorrow cannot answer HEAD
/// differently. <c>[HttpGet]</c> alone matches GET only, and HEAD fell through to the 404 fallback. No other method is
/// added: what is not in use stays refused (<c>AllowedMethodsMiddleware</c>, routing's 405).
/// </summary>
public sealed class HeadAsGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var selector in action.Selectors)
        {
            if (selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault() is not { } constraint
                || !constraint.HttpMethods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)
                || constraint.HttpMethods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            string[] methods = [.. constraint.HttpMethods, HttpMethods.Head];
            selector.ActionConstraints.Remove(constraint);
            selector.ActionConstraints.Add(new HttpMethodActionConstraint(methods));
            foreach (var metadata in selector.EndpointMetadata.OfType<HttpMethodMetadata>().ToList())
            {
                selector.EndpointMetadata.Remove(metadata);
            }

            selector.EndpointMetadata.Add(new HttpMethodMetadata(methods));
        }
    }
}
