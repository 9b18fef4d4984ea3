namespace BenchCluster.Hosting.Tls;

/// <summary>What a certificate from the cluster CA lets its holder do.</summary>
public enum CertificateRole
{
    /// <summary>A silo (coordinator or worker): joins the cluster and serves TLS. Extended key usage: server and client authentication.</summary>
    Node,

    /// <summary>A person or program using the CLI: connects to the gateway only. Extended key usage: client authentication.</summary>
    User,
}
