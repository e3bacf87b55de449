namespace Sigma.Portal.Accounts.Links;

/// <summary>The "send me a link" pages; the purpose picks the texts and the form's target.</summary>
public sealed record RequestLinkViewModel(AccountTokenPurpose Purpose)
{
    public string Action => Purpose == AccountTokenPurpose.Activation ? "ResendActivation" : "ForgotPassword";

    public string TextPrefix => Purpose == AccountTokenPurpose.Activation ? "Resend" : "Forgot";
}
