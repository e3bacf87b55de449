namespace Sigma.Portal.Sessions;

/// <summary>Texts of the sessions page (SessionsText.nl.resx, .en.resx).</summary>
public sealed class SessionsText;
