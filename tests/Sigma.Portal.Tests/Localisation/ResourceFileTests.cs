using System.Collections;
using System.Globalization;
using System.Resources;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Tests.Localisation;

public sealed class ResourceFileTests
{
    public static TheoryData<string> ResourceClasses()
    {
        var data = new TheoryData<string>();
        var assembly = typeof(SharedText).Assembly;
        foreach (var name in assembly.GetSatelliteAssembly(CultureInfo.GetCultureInfo("nl")).GetManifestResourceNames())
        {
            data.Add(name[..^".nl.resources".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceClasses))]
    public void Resources_DutchAndEnglish_HaveTheSameKeysAndNoEmptyText(string baseName)
    {
        var resources = new ResourceManager(baseName, typeof(SharedText).Assembly);

        var dutch = Read(resources, "nl");
        var english = Read(resources, "en");

        Assert.Equal(dutch.Keys.Order(StringComparer.Ordinal), english.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(dutch.Concat(english), entry => string.IsNullOrWhiteSpace(entry.Value));
    }

    [Fact]
    public void Resources_SatelliteAssemblies_ExistForBothLanguages()
    {
        Assert.NotEmpty(ResourceClasses());
        Assert.Equal(
            typeof(SharedText).Assembly.GetSatelliteAssembly(CultureInfo.GetCultureInfo("nl")).GetManifestResourceNames().Length,
            typeof(SharedText).Assembly.GetSatelliteAssembly(CultureInfo.GetCultureInfo("en")).GetManifestResourceNames().Length);
    }

    private static Dictionary<string, string> Read(ResourceManager resources, string culture)
    {
        var set = resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No {culture} resources for {resources.BaseName}.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
    }
}
