using System.CommandLine;
using System.Net;
using BenchCluster.Hosting.Coordinator;
using BenchCluster.Http.Hosting;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage.Access;
using BenchCluster.Hosting.Restart;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster coordinator`: the silo that hosts suite coordinators and the client gateway.</summary>
internal static class CoordinatorCommand
{
    public static Command Create()
    {
        var postgres = CommonOptions.Postgres();
        var clusterId = CommonOptions.ClusterId();
        var tls = new ClusterTlsOptions();
        var address = new Option<string?>("--address") { Description = "Address other silos and clients reach this one at. Default: this host's first non-loopback IPv4 address." };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port. Default: 11111.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port the CLI connects to. Default: 30000.", DefaultValueFactory = _ => 30000 };
        var jobsPerNode = new Option<int>("--jobs-per-node") { Description = "Jobs dispatched to one node at once. Keep 1 for real measurements (they must not disturb each other).", DefaultValueFactory = _ => 1 };
        CommonOptions.RequirePositive(jobsPerNode);
        var maxJobs = SuiteSafetyOptions.MaxJobs("this coordinator's limit");
        var http = HttpApiCliOptions.Http();
        var apiTokens = HttpApiCliOptions.ApiTokens();
        var command = new Command("coordinator", """
            Run the coordinator silo: it expands submitted suites into jobs, dispatches them to workers, and writes results
            to Postgres. It applies the schema migrations on start and resumes runs a previous coordinator left unfinished.
            One per cluster. If the cluster declares it dead, it starts a new silo by itself. Stop with Ctrl+C.
            Example:
              BENCHCLUSTER_POSTGRES="$(infra/postgres.sh url --host db)" benchcluster coordinator
            """)
        {
            postgres, clusterId, address, siloPort, gatewayPort, jobsPerNode, maxJobs, http, apiTokens,
        };
        foreach (var option in tls.All)
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var credentials = tls.Resolve(parse, CertificateRole.Node);
            var httpApi = HttpApiCliOptions.Resolve(parse.GetValue(http), parse.GetValue(apiTokens), credentials);
            var options = new CoordinatorOptions
            {
                Cluster = CommonOptions.Resolve(parse.GetValue(postgres), parse.GetValue(clusterId), DatabaseRole.Coordinator),
                Credentials = credentials,
                AdvertisedAddress = ParseAddress(parse.GetValue(address)),
                SiloPort = parse.GetValue(siloPort),
                GatewayPort = parse.GetValue(gatewayPort),
                JobsPerNode = parse.GetValue(jobsPerNode),
                MaxJobs = parse.GetValue(maxJobs),
                AddServices = httpApi is null ? null : services => services.AddHttpApi(httpApi),
            };
            await SiloRunLoop.RunAsync("coordinator", token => CoordinatorHost.BuildAsync(options, token), cancellationToken);
            return 0;
        });
        return command;
    }

    public static IPAddress? ParseAddress(string? text) =>
        text is null ? null
        : IPAddress.TryParse(text, out var address) ? address
        : throw new UserFacingException($"--address '{text}' is not an IP address (e.g. 10.0.0.5)");
}
