using System.Security.Cryptography.X509Certificates;

namespace BenchCluster.Hosting.Tls;

/// <summary>
/// Decides whether a peer's certificate admits it: issued by the cluster CA (checked against that CA alone, never the
/// system store), currently valid, and carrying the role the connection needs (only a node certificate joins as a silo).
/// </summary>
public static class ClusterTrust
{
    /// <summary>Null when <paramref name="certificate"/> is acceptable for <paramref name="role"/>, else why not.</summary>
    public static string? Check(X509Certificate2 certificate, X509Certificate2 authority, CertificateRole role)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // The cluster CA publishes no revocation list: a CA rotation is how trust is withdrawn (docs/deployment.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
            return $"'{certificate.Subject}' is not issued by the cluster CA '{authority.Subject}' or not valid now ({string.Join("; ", reasons)})";
        }
        if (chain.ChainElements[^1].Certificate.Thumbprint != authority.Thumbprint)
            return $"'{certificate.Subject}' chains to '{chain.ChainElements[^1].Certificate.Subject}', not to the cluster CA";
        if (!HasUsage(certificate, CertificateAuthority.ClientAuthentication))
            return $"'{certificate.Subject}' is not issued for client authentication";
        if (role == CertificateRole.Node && !HasUsage(certificate, CertificateAuthority.ServerAuthentication))
            return $"'{certificate.Subject}' is a user certificate; only a node certificate may join as a silo";
        return null;
    }

    private static bool HasUsage(X509Certificate2 certificate, System.Security.Cryptography.Oid usage) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == usage.Value));
}
