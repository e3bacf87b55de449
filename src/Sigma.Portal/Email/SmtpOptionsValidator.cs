namespace Sigma.Portal.Email;

internal sealed class SmtpOptionsValidator(IHostEnvironment environment) : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (!options.Enabled && environment.IsProductionLike())
        {
            return ValidateOptionsResult.Fail("Smtp:Host is required in Production: without it no email can be sent.");
        }

        if (!string.IsNullOrEmpty(options.UserName) && string.IsNullOrEmpty(options.Password))
        {
            return ValidateOptionsResult.Fail("Smtp:Password is required when Smtp:UserName is set.");
        }

        return ValidateOptionsResult.Success;
    }
}
