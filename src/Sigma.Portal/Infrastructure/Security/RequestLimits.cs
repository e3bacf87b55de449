using Microsoft.AspNetCore.Http.Features;

namespace Sigma.Portal.Infrastructure.Security;

/// <summary>
/// Deliberate limits on what a request may carry, the same for every page. No form field of the portal needs more than
/// a few thousand characters (a comment is at most 2,000), and the only file is a CSV of at most 5 MB; anything larger
/// is refused by <see cref="RequestBodyMiddleware"/> with 413 (body size) or 400 (form limits, unreadable form) before a
/// controller sees it. That middleware reads the form before MVC, so a per-action <c>[RequestSizeLimit]</c> or
/// <c>[RequestFormLimits]</c> would come too late: change the limits here.
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
