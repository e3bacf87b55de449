using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sigma.Portal.Infrastructure.DataProtection;

/// <summary>
/// The certificate that encrypts the key ring at rest. It lives outside the database on purpose: a copy of the
/// database (a backup, a stolen file) then holds only encrypted keys. Made here, when asked to, as a self-signed RSA
/// certificate for this one use, written as a PFX that only the portal's own user may read.
/// </summary>
internal static class KeyRingCertificate
{
    /// <summary>Creates the PFX at <paramref name="path"/> unless it exists; several instances starting at once agree on one.</summary>
    public static void CreateIfMissing(string path, TimeProvider time)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(NewPfx(time));
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance wrote it first (the move is atomic): everyone uses that one.
            File.Delete(temporary);
        }
    }

    private static byte[] NewPfx(TimeProvider time)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Sigma.Portal key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = time.GetUtcNow();
        // Data Protection does not look at the validity; a long one spares operators a pointless renewal.
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
