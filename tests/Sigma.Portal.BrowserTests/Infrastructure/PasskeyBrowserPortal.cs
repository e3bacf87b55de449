namespace Sigma.Portal.BrowserTests.Infrastructure;

/// <summary>
/// The portal at https://portal.test (on 127.0.0.1) for the passkey journeys: a relying party needs a host name and a
/// page without certificate errors, which the other journeys' https://127.0.0.1 is not.
/// </summary>
public sealed class PasskeyBrowserPortal() : BrowserPortal("portal.test");
