namespace Sigma.Portal.TwoFactor;

/// <summary>Texts of two-factor: setup, code entry, recovery codes, settings and emails (TwoFactorText.nl/.en.resx).</summary>
public sealed class TwoFactorText;
