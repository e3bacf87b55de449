namespace Sigma.Portal.SingleSignOn.Authorization;

/// <param name="Parameters">The application's end-session request, posted again with the confirmation.</param>
public sealed record ConfirmSignOutViewModel(IReadOnlyList<KeyValuePair<string, string>> Parameters);
