using System.Net;
using BenchCluster.Hosting.Tls;
using BenchCluster.Testing;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>Who the cluster CA admits, and how its files are written: no processes, real certificates.</summary>
public sealed class ClusterTrustTests
{
    private static CertificateDirectory NewFolder() =>
        new(Path.Combine(RepositoryPaths.Scratch("tls-unit"), Guid.NewGuid().ToString("N")[..8]));

    [Fact]
    public void A_node_certificate_is_admitted_as_silo_and_client_a_user_certificate_only_as_client()
    {
        var folder = NewFolder().EnsureSingleHost("unit");
        var node = folder.Credentials(CertificateDirectory.NodeName);
        var user = folder.Credentials(CertificateDirectory.UserName);

        Assert.Null(ClusterTrust.Check(node.Certificate, node.Authority, CertificateRole.Node));
        Assert.Null(ClusterTrust.Check(node.Certificate, node.Authority, CertificateRole.User));
        Assert.Null(ClusterTrust.Check(user.Certificate, user.Authority, CertificateRole.User));
        Assert.Contains("only a node certificate may join as a silo", ClusterTrust.Check(user.Certificate, user.Authority, CertificateRole.Node));
        Assert.Equal("user", user.Name);
    }

    [Fact]
    public void A_certificate_from_another_CA_is_refused_naming_both()
    {
        var ours = NewFolder().EnsureSingleHost("ours").Credentials(CertificateDirectory.NodeName);
        var theirs = NewFolder().EnsureSingleHost("theirs").Credentials(CertificateDirectory.NodeName);

        var problem = ClusterTrust.Check(theirs.Certificate, ours.Authority, CertificateRole.Node);

        Assert.NotNull(problem);
        Assert.Contains("is not issued by the cluster CA", problem);
        Assert.Contains("ours cluster CA", problem);
    }

    [Fact]
    public void A_self_signed_certificate_with_the_CA_s_name_is_refused()
    {
        var ours = NewFolder().EnsureSingleHost("ours").Credentials(CertificateDirectory.NodeName);
        using var lookalike = CertificateAuthority.CreateAuthority("ours"); // same subject as our CA, another key

        Assert.NotNull(ClusterTrust.Check(lookalike, ours.Authority, CertificateRole.User));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Keys_are_written_owner_only_and_nothing_is_overwritten()
    {
        var folder = NewFolder();
        folder.CreateAuthority("unit");
        folder.Issue("worker-1", CertificateRole.Node, [IPAddress.Parse("10.0.0.11")], TimeSpan.FromDays(30));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.AuthorityKey));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(folder.KeyOf("worker-1")));
        Assert.Contains("exists already", Assert.Throws<InvalidOperationException>(() => folder.CreateAuthority("unit")).Message);
        Assert.Contains("exists already", Assert.Throws<InvalidOperationException>(
            () => folder.Issue("worker-1", CertificateRole.Node, [], TimeSpan.FromDays(30))).Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("../escape")]
    [InlineData("CN=x,O=y")]
    public void Names_that_could_escape_a_folder_or_a_subject_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => CertificateAuthority.CheckName(name));
    }

    [Fact]
    public void A_key_that_does_not_match_its_certificate_is_refused_on_load()
    {
        var folder = NewFolder().EnsureSingleHost("unit");

        var error = Assert.ThrowsAny<ArgumentException>(() => ClusterCredentials.Load(
            folder.CertificateOf(CertificateDirectory.NodeName), folder.KeyOf(CertificateDirectory.UserName), folder.AuthorityCertificate));
        Assert.Contains("does not match", error.Message);
    }
}
