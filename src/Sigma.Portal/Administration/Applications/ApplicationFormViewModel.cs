namespace Sigma.Portal.Administration.Applications;

/// <param name="Input">What the form shows.</param>
/// <param name="IsNew">A registration, not a change: the client id can still be chosen.</param>
/// <param name="Disabled">Whether the application is switched off now.</param>
/// <param name="LogoVersion">The version of the application's logo, null when it has none.</param>
/// <param name="LogoProblem">The text key of what was wrong with the logo just uploaded.</param>
public sealed record ApplicationFormViewModel(ApplicationInput Input, bool IsNew, bool Disabled = false, string? LogoVersion = null, string? LogoProblem = null);
