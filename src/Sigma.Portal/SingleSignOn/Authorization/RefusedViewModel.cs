namespace Sigma.Portal.SingleSignOn.Authorization;

/// <param name="Application">The application's name.</param>
/// <param name="Reason">The text key that says why.</param>
public sealed record RefusedViewModel(string Application, string Reason);
