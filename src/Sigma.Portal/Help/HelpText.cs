namespace Sigma.Portal.Help;

/// <summary>Texts of the help centre pages (HelpText.nl.resx, .en.resx); the articles themselves are Markdown files.</summary>
public sealed class HelpText;
