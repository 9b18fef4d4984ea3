using BenchCluster.Cli.Local;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Gguf.Forge;
using BenchCluster.Hosting.Worker;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Cli.Planning;

/// <summary>
/// The one CPU worker local mode would start, described from this machine without starting it: its default name and
/// the machine's CPU, cores and memory, as <see cref="WorkerIdentity"/> describes a worker, holding the suite's models
/// as `run` would leave them (presets forged, files linked). A model file that does not exist is the error `run` stops with.
/// </summary>
internal static class LocalNode
{
    public static (WorkerNode Node, IReadOnlyList<string> Problems) Describe(SuiteDefinition suite, LocalClusterLimits limits)
    {
        var problems = new List<string>();
        var held = new List<HeldModel>();
        foreach (var model in suite.Models.Where(m => m.Source == ModelSourceKind.Preset).DistinctBy(m => (m.Preset, m.Quantization)))
        {
            var spec = ForgePresets.Get(model.Preset) with { WeightType = ForgeWeightTypes.Parse(model.Quantization) };
            held.Add(new HeldModel("", ModelForge.DefaultFileName(spec), 0, "", model.Quantization!, IsSynthetic: true, model.Preset));
        }
        foreach (var model in suite.Models.Where(m => m.Source == ModelSourceKind.File).Concat(QualityReferences.FileModels(suite)))
        {
            // Placed even when missing, so the plan shows its jobs; the missing file alone is the refusal.
            held.Add(new HeldModel("", Path.GetFileName(model.Path!), 0, "", "", IsSynthetic: false, null));
            if (!File.Exists(model.Path))
                problems.Add($"model {model.Name}: file {model.Path} does not exist");
        }
        var machine = MachineProbe.Detect();
        var node = new WorkerNode(Environment.MachineName, "", "cpu", machine.CpuModel, machine.CpuModel, machine.Cores, machine.RamBytes, 0, 0, 0, held)
        {
            ApiKeyVariables = limits.KeyVariables.Names,
        };
        return (node, problems);
    }
}
