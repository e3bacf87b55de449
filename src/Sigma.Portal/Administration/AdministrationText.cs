namespace Sigma.Portal.Administration;

/// <summary>Texts of the admin console (AdministrationText.nl.resx, .en.resx).</summary>
public sealed class AdministrationText;
