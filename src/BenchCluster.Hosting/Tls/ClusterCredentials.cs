using System.Security.Cryptography.X509Certificates;

namespace BenchCluster.Hosting.Tls;

/// <summary>What a process shows the cluster (its certificate and key) and what it trusts (the cluster CA, alone).</summary>
public sealed record ClusterCredentials(X509Certificate2 Certificate, X509Certificate2 Authority)
{
    /// <summary>The name the certificate was issued to (its common name): a node's or a user's identity.</summary>
    public string Name => Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    /// <summary>Loads certificate, key and CA from files; a PKCS#12 file when <paramref name="keyPath"/> is null.</summary>
    public static ClusterCredentials Load(string certificatePath, string? keyPath, string authorityPath, string? pkcs12Password = null)
    {
        var certificate = PemFiles.LoadWithKey(certificatePath, keyPath, pkcs12Password);
        var authority = PemFiles.LoadCertificate(authorityPath);
        var problem = ClusterTrust.Check(certificate, authority, CertificateRole.User);
        return problem is null
            ? new ClusterCredentials(certificate, authority)
            : throw new ArgumentException($"certificate '{certificatePath}' cannot be used with CA '{authorityPath}': {problem}");
    }
}
