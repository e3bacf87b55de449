using Microsoft.AspNetCore.Http.Features;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Deliberate limits on what a request may carry. No form field of the portal needs more than a few thousand
/// characters (a comment is at most 2,000), and the only file is a CSV of at most 5 MB; anything larger is refused with
/// 400 (form limits) or 413 (body size) before a controller sees it.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 6 * 1024 * 1024;

    public const int MaxFieldLength = 16 * 1024;

    public const int MaxFields = 200;

    public static void Apply(FormOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ValueLengthLimit = MaxFieldLength;
        options.KeyLengthLimit = 256;
        options.ValueCountLimit = MaxFields;
        options.MultipartBodyLengthLimit = MaxBodyBytes;
        options.MultipartHeadersLengthLimit = 16 * 1024;
    }
}
