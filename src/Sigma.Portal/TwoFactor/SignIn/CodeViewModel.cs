namespace Sigma.Portal.TwoFactor.SignIn;

/// <summary>A page with one code field: sign-in with a code, a recovery code or an access pass.</summary>
public sealed record CodeViewModel
{
    public string? ReturnUrl { get; init; }

    /// <summary>Always empty: a code is never sent back to the browser.</summary>
    public string Code => "";

    public string RecoveryCode => "";

    public string AccessPass => "";
}
