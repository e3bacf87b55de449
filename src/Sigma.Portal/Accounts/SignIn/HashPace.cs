namespace Sigma.Portal.Accounts.SignIn;

/// <summary>
/// The password hashes one request verified and how long they took, waiting for a hashing thread included: the pace at
/// which <see cref="PasswordSignIn"/> waits out the hashes another address would have needed.
/// </summary>
internal sealed class HashPace(TimeProvider time)
{
    private TimeSpan _total;

    public int Hashes { get; private set; }

    public TimeSpan Average => Hashes == 0 ? TimeSpan.Zero : _total / Hashes;

    public async Task<T> TimeAsync<T>(Func<Task<T>> hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        var started = time.GetTimestamp();
        try
        {
            return await hash();
        }
        finally
        {
            _total += time.GetElapsedTime(started);
            Hashes++;
        }
    }
}
