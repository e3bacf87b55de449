using System.Collections.Concurrent;
using System.Reflection;

namespace Sigma.Portal.Infrastructure.Mvc;

/// <summary>
/// Each feature keeps its texts in one resource class named after its folder (<c>Accounts/AccountsText</c>). This finds
/// that class for a model type, so validation messages are looked up in the feature that declares the model; a model in
/// a feature's sub-folder (<c>Administration/Accounts</c>) uses the texts of the nearest folder above it that has them.
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
            for (var folder = key; folder.Contains('.', StringComparison.Ordinal); folder = folder[..folder.LastIndexOf('.')])
            {
                if (assembly.GetType(folder + "." + folder[(folder.LastIndexOf('.') + 1)..] + "Text") is { } texts)
                {
                    return texts;
                }
            }

            return fallback;
        });
    }
}
