namespace Sigma.Portal.Administration.Applications;

/// <param name="Input">What the form shows.</param>
/// <param name="IsNew">A registration, not a change: the client id can still be chosen.</param>
/// <param name="Disabled">Whether the application is switched off now.</param>
public sealed record ApplicationFormViewModel(ApplicationInput Input, bool IsNew, bool Disabled = false);
