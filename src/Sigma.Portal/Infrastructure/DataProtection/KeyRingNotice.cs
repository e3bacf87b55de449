namespace Sigma.Portal.Infrastructure.DataProtection;

/// <summary>
/// One calm line at start, where the key ring's certificate was made for this computer (Development, no
/// <c>DataProtection:CertificatePath</c>): where the keys are and what production needs instead.
/// </summary>
internal sealed class KeyRingNotice(string certificatePath, ILogger<KeyRingNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        DataLog.KeyRingOnThisComputer(logger, certificatePath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
