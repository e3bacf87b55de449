using Sigma.Portal.Infrastructure.DataProtection;

namespace Sigma.Portal.Tests.Infrastructure;

/// <summary>
/// One key ring certificate for every portal of a test run, made the way the portal makes its own, so the suite runs
/// with the key ring encrypted as Production requires without generating an RSA key per test class.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<string> Shared = new(() =>
    {
        var path = Path.Combine(TestFolder.Create(), "keyring.pfx");
        KeyRingCertificate.CreateIfMissing(path, TimeProvider.System);
        return path;
    });

    public static string KeyRing => Shared.Value;
}
