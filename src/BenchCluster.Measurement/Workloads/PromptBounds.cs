using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Workloads;

/// <summary>
/// The longest prompt and answer one serving slot of an in-process job holds: the slot's context is sized from the
/// workload's length distributions (<see cref="EngineSettings"/>), so dataset and trace lengths must fit in them too.
/// </summary>
public sealed record PromptBounds(int MaxPromptTokens, int MaxOutputTokens)
{
    public static PromptBounds For(WorkloadSpec workload, int? modelContext)
    {
        var prompt = EngineSettings.PlausibleMax(workload.PromptTokens);
        var output = EngineSettings.PlausibleMax(workload.OutputTokens);
        // A model trained on a shorter context than the slot gives the smaller bound.
        if (modelContext is { } trained && trained > 1 && prompt + output > trained)
            prompt = Math.Max(1, trained - output);
        return new PromptBounds(prompt, output);
    }
}
