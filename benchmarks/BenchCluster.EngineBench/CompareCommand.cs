using System.CommandLine;

namespace BenchCluster.EngineBench;

/// <summary><c>engine-bench compare</c>: pools several interleaved runs of both sides and prints the ratio table.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var ours = new Option<FileInfo[]>("--ours") { Description = "our JSON files (engine-bench run -o), one per round, in round order", Required = true, AllowMultipleArgumentsPerToken = true };
        var llamaBench = new Option<FileInfo[]>("--llama-bench") { Description = "llama-bench -o json outputs", AllowMultipleArgumentsPerToken = true };
        var batchedBench = new Option<FileInfo[]>("--batched-bench") { Description = "llama-batched-bench --output-format jsonl outputs", AllowMultipleArgumentsPerToken = true };
        var command = new Command("compare", "Compare our results with llama-bench / llama-batched-bench on the same shapes.")
        {
            ours, llamaBench, batchedBench,
        };
        command.SetAction(result =>
        {
            var mine = result.GetValue(ours)!.SelectMany((f, round) => ResultFiles.ReadOurs(f.FullName).Select(v => v with { Round = round })).ToList();
            var reference = (result.GetValue(llamaBench) ?? []).SelectMany((f, round) => ResultFiles.ReadLlamaBench(f.FullName).Select(v => v with { Round = round }))
                .Concat((result.GetValue(batchedBench) ?? []).SelectMany((f, round) => ResultFiles.ReadBatchedBench(f.FullName).Select(v => v with { Round = round })))
                .ToList();
            Console.WriteLine(ComparisonTable.Render(mine, reference));
            return 0;
        });
        return command;
    }
}
