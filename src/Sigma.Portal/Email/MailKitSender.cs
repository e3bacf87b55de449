using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Sigma.Portal.Email;

/// <summary>
/// One SMTP connection for one dispatcher cycle, opened on the first message and reopened after a failure. Server
/// certificates are validated by MailKit; nothing here turns that off.
/// </summary>
public sealed class MailKitSender(IOptions<SmtpOptions> options) : IAsyncDisposable
{
    private SmtpClient? _client;

    /// <summary>True while the connection is open; after a failure that closed it the rest of a batch can wait.</summary>
    public bool IsConnected => _client is { IsConnected: true };

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var client = _client is { IsConnected: true } open ? open : await ConnectAsync(ct);
        try
        {
            await client.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not SmtpCommandException)
        {
            // A broken or timed-out connection is not reused for the next message.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects (and signs in, when configured) without sending: whether the server would take mail now.</summary>
    public async Task CheckAsync(CancellationToken ct) => await ConnectAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync(quit: true);
                }
                catch (Exception e) when (e is IOException or SmtpProtocolException or OperationCanceledException or TimeoutException)
                {
                    // The connection is going away either way.
                }
            }

            client.Dispose();
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
    {
        await DisposeAsync();
        var settings = options.Value;
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            var security = settings.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            var host = settings.Host ?? throw new InvalidOperationException("Smtp:Host is not set.");
            await client.ConnectAsync(host, settings.Port, security, ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }

        _client = client;
        return client;
    }
}
