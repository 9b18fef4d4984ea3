using System.CommandLine;
using System.Net;
using BenchCluster.Hosting.Tls;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster cert init|issue`: the cluster CA and the node and user certificates it signs.</summary>
internal static class CertCommand
{
    private const string DefaultCaFolder = "cluster-ca";

    public static Command Create() => new("cert", """
        Create the cluster's certificate authority and issue certificates from it. Every silo needs a node certificate,
        every CLI user a user (or node) certificate; a process without one can neither join nor connect (docs/deployment.md).
        Example:
          benchcluster cert init                                   # once, on the host that keeps the CA key
          benchcluster cert issue --name worker-1 --address 10.0.0.11 --out /tmp/worker-1
          benchcluster cert issue --name alice --user --out /tmp/alice
        """)
    {
        Init(),
        Issue(),
    };

    private static Option<string> CaFolder() => new("--ca-dir")
    {
        Description = $"Folder of the CA (ca.crt, ca.key). Default: ./{DefaultCaFolder}.",
        DefaultValueFactory = _ => DefaultCaFolder,
        HelpName = "DIR",
    };

    private static Option<bool> IfMissing(string what) => new("--if-missing") { Description = $"Do nothing when the {what} exists already (for setup scripts)." };

    private static Command Init()
    {
        var folder = CaFolder();
        var cluster = new Option<string>("--cluster-name") { Description = "Name in the CA's subject.", DefaultValueFactory = _ => "benchcluster" };
        var ifMissing = IfMissing("CA");
        var command = new Command("init", "Create the cluster CA: ca.crt (give it to every host) and ca.key (mode 0600; keep it on this host only).")
        {
            folder, cluster, ifMissing,
        };
        command.SetGuardedAction((parse, _) =>
        {
            var directory = new CertificateDirectory(Path.GetFullPath(parse.GetValue(folder)!));
            if (directory.HasAuthority && parse.GetValue(ifMissing))
                return Task.FromResult(0);
            Guarded(() => directory.CreateAuthority(parse.GetValue(cluster)!));
            Console.WriteLine($"created {directory.AuthorityCertificate} and {directory.AuthorityKey} (keep the key on this host)");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Issue()
    {
        var folder = CaFolder();
        var name = new Option<string>("--name") { Description = "The node's or user's name (its identity: submitted_by for a user).", Required = true };
        var user = new Option<bool>("--user") { Description = "A user certificate: connects to the gateway, cannot join as a silo. Default: a node certificate." };
        var addresses = new Option<string[]>("--address") { Description = "IP address(es) of the node, recorded in the certificate (repeatable).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Folder to write NAME.crt, NAME.key and ca.crt to (what the host needs). Default: the CA folder.", HelpName = "DIR" };
        var days = new Option<int>("--days") { Description = "Validity in days.", DefaultValueFactory = _ => (int)CertificateAuthority.DefaultCertificateValidity.TotalDays };
        CommonOptions.RequirePositive(days);
        var ifMissing = IfMissing("certificate");
        var command = new Command("issue", "Issue a certificate signed by the cluster CA (run where ca.key is).")
        {
            folder, name, user, addresses, output, days, ifMissing,
        };
        command.SetGuardedAction((parse, _) =>
        {
            var authority = new CertificateDirectory(Path.GetFullPath(parse.GetValue(folder)!));
            var target = parse.GetValue(output) is { } o ? new CertificateDirectory(Path.GetFullPath(o)) : authority;
            var who = parse.GetValue(name)!;
            if (parse.GetValue(ifMissing) && Guarded(() => target.Has(who)))
                return Task.FromResult(0);
            var ips = (parse.GetValue(addresses) ?? []).Select(ParseAddress).ToList();
            var role = parse.GetValue(user) ? CertificateRole.User : CertificateRole.Node;
            Guarded(() => authority.IssueInto(target, who, role, ips, TimeSpan.FromDays(parse.GetValue(days))));
            Console.WriteLine($"issued {role.ToString().ToLowerInvariant()} certificate {target.CertificateOf(who)} and key {target.KeyOf(who)} (0600), with {target.AuthorityCertificate}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static IPAddress ParseAddress(string text) => IPAddress.TryParse(text, out var address)
        ? address
        : throw new UserFacingException($"--address '{text}' is not an IP address (e.g. 10.0.0.5)");

    private static T Guarded<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            throw new UserFacingException(e.Message);
        }
    }

    private static void Guarded(Action action) => Guarded(() =>
    {
        action();
        return true;
    });
}
