namespace Sigma.Portal.Home;

/// <summary>Texts of the home page (HomeText.nl.resx, HomeText.en.resx).</summary>
public sealed class HomeText;
