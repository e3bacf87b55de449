namespace Sigma.Portal.Administration.Applications;

/// <param name="ClientId">The application's client id.</param>
/// <param name="Secret">Its new secret, shown this once.</param>
public sealed record ApplicationSecretViewModel(string ClientId, string Secret);
