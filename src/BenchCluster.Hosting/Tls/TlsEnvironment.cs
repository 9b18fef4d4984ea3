namespace BenchCluster.Hosting.Tls;

/// <summary>The environment variables that hand a silo or CLI process its cluster certificate (as --tls-cert/--tls-key/--tls-ca would).</summary>
public static class TlsEnvironment
{
    public const string CertificateVariable = "BENCHCLUSTER_TLS_CERT";
    public const string KeyVariable = "BENCHCLUSTER_TLS_KEY";
    public const string AuthorityVariable = "BENCHCLUSTER_TLS_CA";
    public const string PasswordVariable = "BENCHCLUSTER_TLS_PASSWORD";

    /// <summary>Variables that make a child process use certificate <paramref name="name"/> of <paramref name="folder"/>.</summary>
    public static Dictionary<string, string> For(CertificateDirectory folder, string name) => new()
    {
        [CertificateVariable] = folder.CertificateOf(name),
        [KeyVariable] = folder.KeyOf(name),
        [AuthorityVariable] = folder.AuthorityCertificate,
    };
}
