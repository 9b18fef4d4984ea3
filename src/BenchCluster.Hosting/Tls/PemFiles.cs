using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BenchCluster.Hosting.Tls;

/// <summary>Certificates and keys as PEM files; a private key is created readable by its owner only (0600).</summary>
public static class PemFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void WriteCertificate(string path, X509Certificate2 certificate) =>
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");

    /// <summary>Writes the key with mode 0600 from the start (never briefly readable by others); refuses to overwrite.</summary>
    public static void WritePrivateKey(string path, X509Certificate2 certificate)
    {
        using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException($"certificate {certificate.Subject} has no ECDSA or RSA private key");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnly;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(key.ExportPkcs8PrivateKeyPem());
        writer.Write('\n');
    }

    /// <summary>A certificate and its key (PEM), or a PKCS#12 file when <paramref name="keyPath"/> is null.</summary>
    public static X509Certificate2 LoadWithKey(string certificatePath, string? keyPath, string? pkcs12Password = null)
    {
        RequireFile(certificatePath, "certificate");
        if (keyPath is null)
        {
            if (!IsPkcs12(certificatePath))
                throw new ArgumentException($"certificate '{certificatePath}' is PEM but no key file was given: pass --tls-key FILE (or set BENCHCLUSTER_TLS_KEY), or give a .pfx/.p12 file");
            return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, pkcs12Password);
        }
        RequireFile(keyPath, "private key");
        var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        return certificate.HasPrivateKey ? certificate : throw new ArgumentException($"key '{keyPath}' does not hold the private key of '{certificatePath}'");
    }

    public static X509Certificate2 LoadCertificate(string path)
    {
        RequireFile(path, "CA certificate");
        return X509CertificateLoader.LoadCertificateFromFile(path);
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{what} file '{path}' does not exist; create one with 'benchcluster cert' (docs/deployment.md)", path);
    }
}
