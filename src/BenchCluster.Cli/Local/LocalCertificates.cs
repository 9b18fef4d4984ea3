using BenchCluster.Hosting.Tls;

namespace BenchCluster.Cli.Local;

/// <summary>
/// Local mode's cluster CA and certificates under .data/tls, created on first start: "node" for the silos (they
/// listen on loopback only) and "user" for the CLI. Nothing here leaves the machine.
/// </summary>
internal static class LocalCertificates
{
    private const string Folder = "tls";

    /// <summary>The folder, creating the CA and both certificates if absent.</summary>
    public static CertificateDirectory Ensure() =>
        new CertificateDirectory(Path.Combine(BenchClusterHome.Find(), ".data", Folder)).EnsureSingleHost("local");

    /// <summary>The folder when local mode has created it, else null.</summary>
    public static CertificateDirectory? TryFind()
    {
        var home = BenchClusterHome.TryFind();
        if (home is null)
            return null;
        var folder = new CertificateDirectory(Path.Combine(home, ".data", Folder));
        return folder.HasAuthority && folder.Has(CertificateDirectory.NodeName) && folder.Has(CertificateDirectory.UserName) ? folder : null;
    }
}
