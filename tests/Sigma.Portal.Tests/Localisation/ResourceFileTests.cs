using System.Collections;
using System.Globalization;
using System.Resources;
using Sigma.Portal.Infrastructure.Mvc;
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
        // A counted text has both of its forms (PluralText), never one alone.
        Assert.All(dutch.Keys.Where(k => k.EndsWith(".One", StringComparison.Ordinal)), k => Assert.Contains(k[..^".One".Length] + ".Other", dutch.Keys));
        Assert.All(dutch.Keys.Where(k => k.EndsWith(".Other", StringComparison.Ordinal)), k => Assert.Contains(k[..^".Other".Length] + ".One", dutch.Keys));
    }

    [Theory]
    [InlineData("nl", 0, "0 opmerkingen")]
    [InlineData("nl", 1, "1 opmerking")]
    [InlineData("nl", 2, "2 opmerkingen")]
    [InlineData("en", 1, "1 comment")]
    [InlineData("en", 21, "21 comments")]
    public void CountedText_TakesTheFormOfItsCount(string language, int count, string expected)
    {
        using var scope = CultureScope.For(language);
        var text = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).Create(typeof(Sigma.Portal.Help.HelpText));

        Assert.Equal(expected, text.Plural("Comments.Count", count).Value);
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

    /// <summary>
    /// Every validation message of every input model is a key in the texts its feature's model binding looks it up in
    /// (<c>FeatureTextLocator</c>), in both languages, wherever in the feature's folders the model lives.
    /// </summary>
    [Fact]
    public void ValidationMessages_OfEveryInputModel_AreTextsOfItsFeature()
    {
        var assembly = typeof(SharedText).Assembly;
        var locator = new FeatureTextLocator(assembly, typeof(SharedText));
        var missing = new List<string>();
        // Options carry messages for operators, in English, on purpose; what a person posts is an *Input.
        foreach (var model in assembly.GetTypes().Where(t => t.Name.EndsWith("Input", StringComparison.Ordinal)))
        {
            foreach (var attribute in model.GetProperties().SelectMany(p => p.GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.ValidationAttribute), true))
                .Cast<System.ComponentModel.DataAnnotations.ValidationAttribute>().Where(a => a.ErrorMessage is not null))
            {
                var texts = locator.For(model);
                var resources = new ResourceManager(texts.FullName!, assembly);
                foreach (var language in new[] { "nl", "en" })
                {
                    if (resources.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)?.GetString(attribute.ErrorMessage!) is null)
                    {
                        missing.Add($"{model.FullName}: {attribute.ErrorMessage} ({language}, looked up in {texts.Name})");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }
}
