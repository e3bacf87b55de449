using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// An application's back-channel logout endpoint on Kestrel at http://127.0.0.1 (a free port): it keeps every logout
/// token posted to it and answers with the statuses a test queues (200 when none is queued).
/// </summary>
public sealed class LogoutReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<string> _tokens = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();

    private LogoutReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<LogoutReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new LogoutReceiver(builder.Build());
        receiver._app.MapPost("/backchannel-logout", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            await receiver._tokens.Writer.WriteAsync(form["logout_token"].ToString());
            context.Response.StatusCode = (int)(receiver._answers.TryDequeue(out var status) ? status : HttpStatusCode.OK);
        });
        await receiver._app.StartAsync();
        var bound = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Address = new Uri(new Uri(bound), "/backchannel-logout");
        return receiver;
    }

    /// <summary>The next answer is <paramref name="status"/> (a failing application).</summary>
    public void AnswerNext(HttpStatusCode status) => _answers.Enqueue(status);

    /// <summary>The next token posted, waiting at most <paramref name="within"/>: a bound, never a measurement.</summary>
    public async Task<string?> NextTokenAsync(TimeSpan within, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(within);
        try
        {
            return await _tokens.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public bool TryTakeToken(out string? token) => _tokens.Reader.TryRead(out token);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
