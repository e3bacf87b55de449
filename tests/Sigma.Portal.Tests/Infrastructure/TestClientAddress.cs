using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no client address. Tests give each browser its own through this header, so
/// per-client rate limits behave as they do for real clients. Registered only in the test host.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>An address of its own for a new browser, in 10.0.0.0/8.</summary>
    public static IPAddress NewAddress() => new([10, .. RandomNumberGenerator.GetBytes(3)]);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return following(context);
        });
        next(app);
    };
}
