namespace Sigma.Portal.TwoFactor.Authenticators;

public enum TotpResult
{
    Accepted,

    /// <summary>Not a code of this authenticator in the allowed window.</summary>
    Invalid,

    /// <summary>A valid code of a time step already used (or older): refused, as RFC 6238 §5.2 demands.</summary>
    Replayed,
}
