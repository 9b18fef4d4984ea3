using System.Collections.Immutable;
using System.Net;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Grains.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>The placement filters decide from silo metadata alone: which silo may host which grain.</summary>
public sealed class PlacementFilterTests
{
    private static readonly SiloAddress Coordinator = Silo(1);
    private static readonly SiloAddress WorkerA = Silo(2);
    private static readonly SiloAddress WorkerB = Silo(3);
    private static readonly SiloAddress[] All = [Coordinator, WorkerA, WorkerB];

    private readonly FakeMetadataCache _cache = new()
    {
        [Coordinator] = new Dictionary<string, string> { [SiloMetadataKeys.Role] = SiloMetadataKeys.CoordinatorRole },
        [WorkerA] = WorkerMetadataCodec.Encode(Worker("node-a", "aaaa")),
        [WorkerB] = WorkerMetadataCodec.Encode(Worker("node-b", "bbbb", "aaaa")),
    };

    [Fact]
    public void A_model_host_goes_only_to_its_node_and_only_when_that_node_holds_the_model()
    {
        var director = new ModelHolderPlacementDirector(_cache);

        Assert.Equal([WorkerA], director.Filter(new ModelHolderPlacementStrategy(), Target(ModelHostKey.Format("node-a", "aaaa")), All));
        Assert.Equal([WorkerB], director.Filter(new ModelHolderPlacementStrategy(), Target(ModelHostKey.Format("node-b", "aaaa")), All));
        Assert.Empty(director.Filter(new ModelHolderPlacementStrategy(), Target(ModelHostKey.Format("node-a", "bbbb")), All));
        Assert.Empty(director.Filter(new ModelHolderPlacementStrategy(), Target("not-a-model-host-key"), All));
    }

    [Fact]
    public void Node_grains_go_to_that_worker_and_coordination_grains_to_the_coordinator()
    {
        Assert.Equal([WorkerB], new NodePlacementDirector(_cache).Filter(new NodePlacementStrategy(), Target("node-b"), All));
        Assert.Empty(new NodePlacementDirector(_cache).Filter(new NodePlacementStrategy(), Target("node-z"), All));
        Assert.Equal([Coordinator], new CoordinatorPlacementDirector(_cache).Filter(new CoordinatorPlacementStrategy(), Target("any"), All));
    }

    [Fact]
    public void Worker_metadata_round_trips_and_non_workers_decode_to_nothing()
    {
        var node = Worker("node-a", "aaaa", "cccc") with { ApiKeyVariables = ["OPENAI_API_KEY", "OTHER_KEY"] };
        var decoded = WorkerMetadataCodec.Decode(WorkerMetadataCodec.Encode(node), "10.0.0.2:11111");

        Assert.NotNull(decoded);
        Assert.Equal(node with { SiloAddress = "10.0.0.2:11111", Models = decoded.Models, ApiKeyVariables = decoded.ApiKeyVariables }, decoded);
        Assert.Equal(node.Models, decoded.Models);
        Assert.Equal(["OPENAI_API_KEY", "OTHER_KEY"], decoded.ApiKeyVariables);
        Assert.Empty(WorkerMetadataCodec.Decode(WorkerMetadataCodec.Encode(Worker("node-b")), "x")!.ApiKeyVariables);
        Assert.Null(WorkerMetadataCodec.Decode(new Dictionary<string, string> { [SiloMetadataKeys.Role] = SiloMetadataKeys.CoordinatorRole }, "x"));
    }

    private static WorkerNode Worker(string name, params string[] shas) => new(
        name, "", "cpu", "Test CPU", "Test CPU", 8, 16L << 30, 0, 0.25, 65,
        shas.Select(sha => new HeldModel(sha, $"{sha}.gguf", 1000, "qwen2", "Q8_0", true, "tiny")).ToList());

    private static SiloAddress Silo(int last) => SiloAddress.New(new IPEndPoint(IPAddress.Parse($"10.0.0.{last}"), 11111), 1);

    private static PlacementTarget Target(string key) =>
        new(GrainId.Create("test", key), new Dictionary<string, object>(), default, 0);

    private sealed class FakeMetadataCache : Dictionary<SiloAddress, Dictionary<string, string>>, ISiloMetadataCache
    {
        public SiloMetadata GetSiloMetadata(SiloAddress siloAddress)
        {
            var metadata = new SiloMetadata();
            var property = typeof(SiloMetadata).GetProperty(nameof(SiloMetadata.Metadata))!;
            property.SetValue(metadata, this[siloAddress].ToImmutableDictionary());
            return metadata;
        }
    }
}
