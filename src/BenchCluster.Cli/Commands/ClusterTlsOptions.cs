using System.CommandLine;
using System.Security.Cryptography;
using BenchCluster.Cli.Local;
using BenchCluster.Hosting.Tls;

namespace BenchCluster.Cli.Commands;

/// <summary>
/// The certificate a process shows the cluster and the CA it trusts: --tls-cert/--tls-key/--tls-ca, else the
/// BENCHCLUSTER_TLS_* variables, else local mode's certificates under .data/tls. Every silo and client needs one.
/// </summary>
internal sealed class ClusterTlsOptions
{
    private const string CertificateVariable = TlsEnvironment.CertificateVariable;
    private const string KeyVariable = TlsEnvironment.KeyVariable;
    private const string AuthorityVariable = TlsEnvironment.AuthorityVariable;
    private const string PasswordVariable = TlsEnvironment.PasswordVariable;

    public Option<string?> Certificate { get; } = new("--tls-cert")
    {
        Description = $"This process's certificate from the cluster CA: PEM (with --tls-key) or .pfx/.p12 (password in ${PasswordVariable}). " +
                      $"Default: ${CertificateVariable}, else local mode's .data/tls. Create one with 'benchcluster cert issue'.",
        HelpName = "FILE",
    };

    public Option<string?> Key { get; } = new("--tls-key") { Description = $"The PEM private key of --tls-cert. Default: ${KeyVariable}.", HelpName = "FILE" };

    public Option<string?> Authority { get; } = new("--tls-ca") { Description = $"The cluster CA certificate (PEM) peers must chain to. Default: ${AuthorityVariable}.", HelpName = "FILE" };

    public IEnumerable<Option> All => [Certificate, Key, Authority];

    /// <summary>The credentials for a process of <paramref name="role"/> (a silo needs a node certificate, the CLI a node or user one).</summary>
    public ClusterCredentials Resolve(ParseResult parse, CertificateRole role)
    {
        var certificate = parse.GetValue(Certificate) ?? Environment.GetEnvironmentVariable(CertificateVariable);
        var authority = parse.GetValue(Authority) ?? Environment.GetEnvironmentVariable(AuthorityVariable);
        var key = parse.GetValue(Key) ?? Environment.GetEnvironmentVariable(KeyVariable);
        try
        {
            if (certificate is null && authority is null)
                return LocalCredentials(role);
            if (certificate is null || authority is null)
                throw new UserFacingException($"--tls-cert and --tls-ca go together (or {CertificateVariable} and {AuthorityVariable}); {(certificate is null ? "--tls-cert" : "--tls-ca")} is missing");
            var credentials = ClusterCredentials.Load(certificate, key, authority, Environment.GetEnvironmentVariable(PasswordVariable));
            return role == CertificateRole.Node && ClusterTrust.Check(credentials.Certificate, credentials.Authority, CertificateRole.Node) is { } problem
                ? throw new UserFacingException($"{certificate}: {problem}; issue one with 'benchcluster cert issue --name NODE'")
                : credentials;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new UserFacingException($"cannot use the cluster certificate: {e.Message}");
        }
    }

    private static ClusterCredentials LocalCredentials(CertificateRole role)
    {
        var folder = LocalCertificates.TryFind() ?? throw new UserFacingException(
            $"no cluster certificate: pass --tls-cert FILE --tls-key FILE --tls-ca FILE (or set {CertificateVariable}, {KeyVariable}, {AuthorityVariable}); " +
            "'benchcluster cert init' and 'benchcluster cert issue' create them (docs/deployment.md)");
        return folder.Credentials(role == CertificateRole.Node ? CertificateDirectory.NodeName : CertificateDirectory.UserName);
    }
}
