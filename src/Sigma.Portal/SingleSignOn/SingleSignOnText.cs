namespace Sigma.Portal.SingleSignOn;

/// <summary>Texts of single sign-on: refusal and sign-out pages, registration (SingleSignOnText.nl/.en.resx).</summary>
public sealed class SingleSignOnText;
