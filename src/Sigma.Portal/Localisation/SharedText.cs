namespace Sigma.Portal.Localisation;

/// <summary>Texts of the layout, the error pages and the language switch (SharedText.nl.resx, SharedText.en.resx).</summary>
public sealed class SharedText;
