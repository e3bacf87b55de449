using System.Globalization;

namespace Sigma.Portal.Accounts.Passwords;

/// <summary>A cheaper hash than Production's is for the test suite only: anywhere else the portal refuses to start.</summary>
internal sealed class PasswordWorkOptionsValidator(IHostEnvironment environment) : IValidateOptions<PasswordWorkOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordWorkOptions options) =>
        options.HashIterations < PortalPasswordHasher.ProductionIterations && !environment.IsTest()
            ? ValidateOptionsResult.Fail(string.Format(CultureInfo.InvariantCulture,
                "PasswordWork:HashIterations must be at least {0} (fewer only in the {1} environment).",
                PortalPasswordHasher.ProductionIterations, PortalEnvironments.Test))
            : ValidateOptionsResult.Success;
}
