namespace Sigma.Portal.Email;

/// <summary>Whether the SMTP server takes mail now: connected to (and signed in to, when configured), nothing sent.</summary>
public sealed class SmtpCheck(IOptions<SmtpOptions> options)
{
    // An administrator waits for the answer: a server that does not answer is unreachable soon enough.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public enum State
    {
        NotConfigured,
        Reachable,
        Unreachable,
    }

    /// <param name="State">Whether it answered.</param>
    /// <param name="Error">Why not, for <see cref="State.Unreachable"/>: the administrator's to read, as on the E-mail page.</param>
    public sealed record Result(State State, string? Error = null);

    public async Task<Result> CheckAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return new Result(State.NotConfigured);
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Patience);
        await using var sender = new MailKitSender(options);
        try
        {
            await sender.CheckAsync(patience.Token);
            return new Result(State.Reachable);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return new Result(State.Unreachable, e is OperationCanceledException ? $"No answer within {Patience.TotalSeconds:0} seconds." : $"{e.GetType().Name}: {e.Message}");
        }
    }
}
