using System.Collections.Concurrent;
using System.Reflection;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// Each feature keeps its texts in one resource class named after its folder (<c>Accounts/AccountsText</c>). This finds
/// that class for a model type, so validation messages are looked up in the feature that declares the model.
/// </summary>
public sealed class FeatureTextLocator(Assembly assembly, Type fallback)
{
    private readonly ConcurrentDictionary<string, Type> _byNamespace = new(StringComparer.Ordinal);

    public Type For(Type modelType)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        var ns = modelType.Namespace ?? "";
        return _byNamespace.GetOrAdd(ns, key =>
        {
            var feature = key[(key.LastIndexOf('.') + 1)..];
            return assembly.GetType(key + "." + feature + "Text") ?? fallback;
        });
    }
}
