namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>A page with one code field: sign-in with a code, a recovery code or an access pass.</summary>
public sealed record CodeViewModel
{
    public string? ReturnUrl { get; init; }

    /// <summary>The authenticator app's entry for this account, as the app lists it, for a person with two entries.</summary>
    public string? AuthenticatorEntry { get; init; }

    /// <summary>Whether the account has a passkey the code step may take instead of the code.</summary>
    public bool PasskeyOffered { get; init; }

    /// <summary>What went wrong on another page of the step, as a resource key.</summary>
    public string? ProblemKey { get; init; }

    /// <summary>Always empty: a code is never sent back to the browser.</summary>
    public string Code => "";

    public string RecoveryCode => "";

    public string AccessPass => "";
}
