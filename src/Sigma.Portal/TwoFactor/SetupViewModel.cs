using Sigma.Portal.TwoFactor.Authenticators;
namespace Sigma.Portal.TwoFactor;

/// <summary>The setup screen, the first time (after the password) or for a new phone (under Settings).</summary>
public sealed record SetupViewModel
{
    public required AuthenticatorSetup Setup { get; init; }

    /// <summary>The controller and action the code form posts to.</summary>
    public required string Controller { get; init; }

    public required string Action { get; init; }

    /// <summary>Before <see cref="TwoFactorOptions.RequiredFrom"/> the first setup may be skipped.</summary>
    public bool Skippable { get; init; }

    public bool NewPhone { get; init; }

    public string? ReturnUrl { get; init; }

    public string Code => "";
}
