namespace Sigma.Portal.Email;

/// <summary>Texts of the email layout and the development mailbox (EmailText.nl.resx, EmailText.en.resx).</summary>
public sealed class EmailText;
