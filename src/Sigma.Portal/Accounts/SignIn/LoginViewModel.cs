namespace Sigma.Portal.Accounts.SignIn;

/// <summary>The login page: the email to prefill (never the password) and where to go afterwards.</summary>
public sealed record LoginViewModel
{
    public string Email { get; init; } = "";

    /// <summary>Always empty: a password is never sent back to the browser.</summary>
    public string Password => "";

    public string? ReturnUrl { get; init; }

    /// <summary>A notice from an earlier step, such as "your password is set", as a resource key.</summary>
    public string? NoticeKey { get; init; }

    /// <summary>What went wrong on another page, such as a refused passkey, as a resource key.</summary>
    public string? ProblemKey { get; init; }

    /// <summary>The second form, signing in without password (a passkey), when the portal offers one.</summary>
    public SignInWithoutPasswordForm? WithoutPassword { get; init; }
}
