namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>What the setup screen shows for a pending authenticator: the QR code and the same key to type in.</summary>
public sealed record AuthenticatorSetup(QrCodeSvg QrCode, string ManualKey, string AccountLabel);
