namespace Sigma.Portal.Infrastructure.Hosting;

/// <summary>The portal has more work of one kind than it takes on at once; the request is answered with 503 and Retry-After.</summary>
public sealed class PortalBusyException : Exception
{
    public PortalBusyException()
        : base("The portal is busy.")
    {
    }

    public PortalBusyException(string message)
        : base(message)
    {
    }

    public PortalBusyException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
