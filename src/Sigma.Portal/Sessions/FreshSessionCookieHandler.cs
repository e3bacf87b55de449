using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Sigma.Portal.Sessions;

/// <summary>
/// The sign-in cookie's handler, with one difference: every sign-in starts a new server-side session. ASP.NET Core's
/// handler stores a sign-in in the session that the request's cookie already names (dotnet/aspnetcore#22135, #47503),
/// so a session cookie planted in a shared browser would carry the next person's sign-in. Here a carried session is
/// ended first, as a sign-out ends it, and the new ticket is stored by a handler that never read that cookie's session.
/// </summary>
public sealed class FreshSessionCookieHandler : CookieAuthenticationHandler
{
    private readonly IOptionsMonitor<CookieAuthenticationOptions> _options;
    private readonly ILoggerFactory _logger;
    private readonly UrlEncoder _encoder;

    public FreshSessionCookieHandler(IOptionsMonitor<CookieAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
        _options = options;
        _logger = logger;
        _encoder = encoder;
    }

    protected override async Task HandleSignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties)
    {
        if (string.IsNullOrEmpty(Options.CookieManager.GetRequestCookie(Context, Options.Cookie.Name!)))
        {
            await base.HandleSignInAsync(user, properties);
            return;
        }

        // Revokes the carried session in the store and keeps this handler from renewing it when the response starts.
        await HandleSignOutAsync(new AuthenticationProperties());
        var fresh = new CookieAuthenticationHandler(_options, _logger, _encoder);
        await fresh.InitializeAsync(Scheme, Context);
        await fresh.SignInAsync(user, properties);
    }
}
