namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>How long background deliveries (email, back-channel logouts) wait after a failed attempt.</summary>
public static class Backoff
{
    /// <summary><paramref name="first"/> after the first failed attempt, doubling with each further one, up to <paramref name="max"/>.</summary>
    public static TimeSpan Doubling(int attempt, TimeSpan first, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * factor, max.Ticks));
    }
}
