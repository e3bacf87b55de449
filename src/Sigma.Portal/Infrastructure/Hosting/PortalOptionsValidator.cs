namespace Sigma.Portal.Infrastructure.Hosting;

internal sealed class PortalOptionsValidator(IHostEnvironment environment) : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var url = options.PublicBaseUrl;
        if (url is null)
        {
            return environment.IsProductionLike()
                ? ValidateOptionsResult.Fail("Portal:PublicBaseUrl is required in Production (for example https://portal.example.nl).")
                : ValidateOptionsResult.Success;
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return ValidateOptionsResult.Fail("Portal:PublicBaseUrl must be an absolute http(s) address without query or fragment.");
        }

        if (environment.IsProductionLike() && url.Scheme != Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Fail("Portal:PublicBaseUrl must use https in Production.");
        }

        return ValidateOptionsResult.Success;
    }
}
