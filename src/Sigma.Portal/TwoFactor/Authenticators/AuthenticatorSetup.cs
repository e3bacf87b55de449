namespace Sigma.Portal.TwoFactor.Authenticators;

/// <summary>What the setup screen shows for a pending authenticator: the QR code and the same key to type in.</summary>
/// <param name="QrCode">The code to scan.</param>
/// <param name="ManualKey">The same secret to type in, in groups of four.</param>
/// <param name="AccountLabel">How the app will name the entry.</param>
/// <param name="OtpAuthUri">What the QR code holds, as a link: on a phone, the authenticator app opens it directly.</param>
public sealed record AuthenticatorSetup(QrCodeSvg QrCode, string ManualKey, string AccountLabel, string OtpAuthUri);
