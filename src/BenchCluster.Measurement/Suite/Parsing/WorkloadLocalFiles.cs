using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Measurement.Workloads.Inputs;
using BenchCluster.Measurement.Workloads.Traces;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// In local mode the dataset and trace files a suite names are read now (under the workload data folder), so a
/// missing, empty or malformed file (or, for a multi-turn workload, a dataset conversation longer than
/// conversation.turns) is a suite error naming its line before any model loads. On a cluster the node
/// that runs the job reads them before its first request, with the same messages.
/// </summary>
internal static class WorkloadLocalFiles
{
    public static void Check(IReadOnlyList<ScenariosParser.Parsed> scenarios, YamlValue values, string? root)
    {
        var checkedFiles = new HashSet<object>();
        foreach (var (scenario, node, path) in scenarios)
        {
            // The turns bound is part of the key: one file may suit one scenario's conversation.turns and not another's.
            int? maxTurns = scenario.Workload.Conversation is { } conversation ? DatasetConversations.MaxTurns(conversation) : null;
            if (scenario.Workload.Dataset is { Path: not null } dataset && checkedFiles.Add((dataset, maxTurns)))
                Refusals(() => ReadDataset(dataset, maxTurns, root), $"{path}.workload.dataset.path");
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

    private static void ReadDataset(DatasetSpec dataset, int? maxTurns, string? root)
    {
        var file = DatasetReader.Read(dataset, root);
        if (maxTurns is { } turns)
            DatasetConversations.Check(file, turns);
    }
}
