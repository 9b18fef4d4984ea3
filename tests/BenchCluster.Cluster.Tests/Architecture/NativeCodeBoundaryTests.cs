using System.Reflection;

namespace BenchCluster.Cluster.Tests.Architecture;

/// <summary>
/// "Native code never runs in a silo" as a rule of references: nothing a silo, the coordinator or the measurement core
/// loads may reach the llama.cpp binding (BenchCluster.Engine) or the engine child's code, directly or through another
/// assembly of ours.
/// </summary>
public sealed class NativeCodeBoundaryTests
{
    private static readonly string[] NativeAssemblies = ["BenchCluster.Engine", "BenchCluster.EngineChild"];

    [Theory]
    [InlineData("BenchCluster.Grains")]
    [InlineData("BenchCluster.Hosting")]
    [InlineData("BenchCluster.Http")]
    [InlineData("BenchCluster.Measurement")]
    [InlineData("BenchCluster.EngineProcess")]
    [InlineData("BenchCluster.Reporting")]
    [InlineData("BenchCluster.Storage")]
    [InlineData("BenchCluster.Remote")]
    [InlineData("BenchCluster.Engine.Abstractions")]
    [InlineData("BenchCluster.Contracts")]
    public void Assembly_does_not_reach_the_native_binding(string assemblyName)
    {
        var reached = OurReferencesOf(Assembly.Load(assemblyName));

        Assert.Empty(reached.Where(r => NativeAssemblies.Contains(r.Key)).Select(r => $"{r.Key} (via {r.Value})"));
    }

    [Fact]
    public void The_walk_finds_the_binding_where_it_is_referenced()
    {
        // The CLI hosts the engine child's command, so the same walk must find the binding there.
        var reached = OurReferencesOf(Assembly.Load("benchcluster"));

        Assert.Contains("BenchCluster.Engine", reached.Keys);
        Assert.Contains("BenchCluster.EngineChild", reached.Keys);
    }

    /// <summary>Every BenchCluster assembly reachable from <paramref name="root"/>, with the one that referenced it.</summary>
    private static Dictionary<string, string> OurReferencesOf(Assembly root)
    {
        var reached = new Dictionary<string, string>();
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is not { } name || !name.StartsWith("BenchCluster.", StringComparison.Ordinal) || reached.ContainsKey(name))
                    continue;
                reached[name] = assembly.GetName().Name!;
                pending.Enqueue(Assembly.Load(reference));
            }
        }
        return reached;
    }
}
