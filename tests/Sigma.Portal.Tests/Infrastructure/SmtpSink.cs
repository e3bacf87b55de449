using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps what MailKit delivers, per recipient. It can be
/// stopped and started again on the same port to play an outage, and told to refuse mail.
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private static readonly Lazy<Task<SmtpSink>> SharedSink = new(() => StartNewAsync());

    private readonly ConcurrentDictionary<string, Channel<MimeMessage>> _unread = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<MimeMessage>> _all = new(StringComparer.OrdinalIgnoreCase);
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _running;
    private Task? _serving;

    private SmtpSink(int port) => Port = port;

    /// <summary>One sink for the whole test run; tests keep apart by using unique addresses.</summary>
    public static Task<SmtpSink> Shared => SharedSink.Value;

    public int Port { get; }

    /// <summary>When set, every message is answered with this reply instead of being accepted.</summary>
    public SmtpResponse? Refusal { get; set; }

    public static async Task<SmtpSink> StartNewAsync()
    {
        var sink = new SmtpSink(FreePort());
        await sink.StartAsync();
        return sink;
    }

    /// <summary>A sink that is not listening yet: the portal's first attempts fail as if the server were down.</summary>
    public static SmtpSink Stopped() => new(FreePort());

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = new CancellationTokenSource();
        _serving = _server.StartAsync(_running.Token);
        await WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _running!.CancelAsync();
        try
        {
            await _serving!;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _running.Dispose();
        _server = null;
    }

    /// <summary>The next message to <paramref name="to"/> not yet returned by this method.</summary>
    public async Task<MimeMessage> NextMessageAsync(string to, CancellationToken ct)
    {
        using var failsafe = CancellationTokenSource.CreateLinkedTokenSource(ct);
        failsafe.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            return await Inbox(to).Reader.ReadAsync(failsafe.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"No email for {to} arrived within 30 seconds.");
        }
    }

    /// <summary>Everything delivered to <paramref name="to"/> so far.</summary>
    public IReadOnlyList<MimeMessage> AllFor(string to) => _all.TryGetValue(to, out var all) ? [.. all] : [];

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The first link in the plain-text part that contains <paramref name="pathPart"/>.</summary>
    public static Uri LinkIn(MimeMessage message, string pathPart)
    {
        ArgumentNullException.ThrowIfNull(message);
        var link = Links().Matches(message.TextBody ?? "").Select(m => m.Value).FirstOrDefault(l => l.Contains(pathPart, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link with '{pathPart}' in '{message.Subject}'.");
        return new Uri(link);
    }

    private Channel<MimeMessage> Inbox(string to) => _unread.GetOrAdd(to, _ => Channel.CreateUnbounded<MimeMessage>());

    private void Deliver(MimeMessage message)
    {
        foreach (var to in message.To.Mailboxes.Select(m => m.Address))
        {
            _all.GetOrAdd(to, _ => new ConcurrentQueue<MimeMessage>()).Enqueue(message);
            Inbox(to).Writer.TryWrite(message);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (sink.Refusal is { } refusal)
            {
                return refusal;
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            sink.Deliver(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
