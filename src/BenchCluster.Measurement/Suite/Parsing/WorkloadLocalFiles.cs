using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Measurement.Workloads.Inputs;
using BenchCluster.Measurement.Workloads.Traces;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// In local mode the dataset and trace files a suite names are read now (under the workload data folder), so a
/// missing, empty or malformed file is a suite error naming its line before any model loads. On a cluster the node
/// that runs the job reads them before its first request, with the same messages.
/// </summary>
internal static class WorkloadLocalFiles
{
    public static void Check(IReadOnlyList<ScenariosParser.Parsed> scenarios, YamlValue values, string? root)
    {
        var checkedFiles = new HashSet<object>();
        foreach (var (scenario, node, path) in scenarios)
        {
            if (scenario.Workload.Dataset is { Path: not null } dataset && checkedFiles.Add(dataset))
                Refusals(() => DatasetReader.Read(dataset, root), $"{path}.workload.dataset.path");
            if (scenario.Trace is { } trace && checkedFiles.Add(trace))
                Refusals(() => TraceReader.Read(trace, root), $"{path}.trace.path");

            void Refusals(Action read, string field)
            {
                try
                {
                    read();
                }
                catch (WorkloadInputException e)
                {
                    foreach (var problem in e.Problems)
                        values.Errors.Add(node, field, problem);
                }
            }
        }
    }
}
