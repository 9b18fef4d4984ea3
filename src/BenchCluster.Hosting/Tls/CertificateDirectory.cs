using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace BenchCluster.Hosting.Tls;

/// <summary>
/// A folder of cluster certificates as `benchcluster cert` lays it out: ca.crt (the CA, public), ca.key (only on the
/// host that issues), and NAME.crt / NAME.key per node or user. Folder 0700, keys 0600.
/// </summary>
public sealed record CertificateDirectory(string Path)
{
    public const string AuthorityName = "ca";
    /// <summary>The node certificate of a single-host cluster (local mode, tests): valid for loopback.</summary>
    public const string NodeName = "node";
    /// <summary>The user certificate of a single-host cluster.</summary>
    public const string UserName = "user";

    public string AuthorityCertificate => File(AuthorityName + ".crt");

    public string AuthorityKey => File(AuthorityName + ".key");

    public bool HasAuthority => System.IO.File.Exists(AuthorityCertificate);

    public string CertificateOf(string name) => File(CertificateAuthority.CheckName(name) + ".crt");

    public string KeyOf(string name) => File(CertificateAuthority.CheckName(name) + ".key");

    public bool Has(string name) => System.IO.File.Exists(CertificateOf(name));

    /// <summary>Creates the CA; refuses to replace one (that would cut every issued certificate off).</summary>
    public void CreateAuthority(string clusterName)
    {
        if (HasAuthority)
            throw new InvalidOperationException($"'{AuthorityCertificate}' exists already; a new CA would invalidate every certificate issued from it (docs/deployment.md: rotating the CA)");
        Create();
        using var authority = CertificateAuthority.CreateAuthority(clusterName);
        PemFiles.WritePrivateKey(AuthorityKey, authority);
        PemFiles.WriteCertificate(AuthorityCertificate, authority);
    }

    /// <summary>Issues NAME.crt / NAME.key here, signed by this folder's CA; refuses to replace an existing one.</summary>
    public void Issue(string name, CertificateRole role, IReadOnlyList<IPAddress> addresses, TimeSpan validity) =>
        IssueInto(this, name, role, addresses, validity);

    /// <summary>Issues into <paramref name="target"/> (with a copy of ca.crt), so a host's folder never holds the CA key.</summary>
    public void IssueInto(CertificateDirectory target, string name, CertificateRole role, IReadOnlyList<IPAddress> addresses, TimeSpan validity)
    {
        if (target.Has(name))
            throw new InvalidOperationException($"'{target.CertificateOf(name)}' exists already; remove it (and its .key) first to issue a new one");
        if (!System.IO.File.Exists(AuthorityKey))
            throw new FileNotFoundException($"no CA key '{AuthorityKey}': issue on the host that ran 'benchcluster cert init', or pass --ca-dir", AuthorityKey);
        using var authority = X509Certificate2.CreateFromPemFile(AuthorityCertificate, AuthorityKey);
        using var issued = CertificateAuthority.Issue(authority, name, role, addresses, validity);
        target.Create();
        PemFiles.WritePrivateKey(target.KeyOf(name), issued);
        PemFiles.WriteCertificate(target.CertificateOf(name), issued);
        if (!target.HasAuthority)
            PemFiles.WriteCertificate(target.AuthorityCertificate, authority);
    }

    /// <summary>A CA with <see cref="NodeName"/> and <see cref="UserName"/> certificates, each created where absent.</summary>
    public CertificateDirectory EnsureSingleHost(string clusterName)
    {
        if (!HasAuthority)
            CreateAuthority(clusterName);
        if (!Has(NodeName))
            Issue(NodeName, CertificateRole.Node, [IPAddress.Loopback], CertificateAuthority.AuthorityValidity);
        if (!Has(UserName))
            Issue(UserName, CertificateRole.User, [], CertificateAuthority.AuthorityValidity);
        return this;
    }

    public ClusterCredentials Credentials(string name) => ClusterCredentials.Load(CertificateOf(name), KeyOf(name), AuthorityCertificate);

    private void Create()
    {
        if (Directory.Exists(Path))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(Path);
        else
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string File(string name) => System.IO.Path.Combine(Path, name);
}
