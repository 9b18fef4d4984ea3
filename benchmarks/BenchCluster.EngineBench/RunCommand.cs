using System.CommandLine;
using BenchCluster.Engine.Benchmarking;
using BenchCluster.Engine.Inference;

namespace BenchCluster.EngineBench;

/// <summary><c>engine-bench run</c>: runs the tests, prints a llama-bench-like table, writes the JSON records.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var shared = new BenchmarkCommandOptions("pp512,tg128,pp512+tg128,pp128+tg128x8", 5, "repetitions per test");
        var batch = new Option<int>("--batch-size", "-b") { Description = "n_batch", DefaultValueFactory = _ => 2048 };
        var microBatch = new Option<int>("--ubatch-size", "-ub") { Description = "n_ubatch", DefaultValueFactory = _ => 512 };
        var poll = new Option<int>("--poll") { Description = "threadpool polling level 0-100", DefaultValueFactory = _ => 50 };
        var flash = new Option<FlashAttentionMode>("--flash-attn", "-fa") { Description = "Auto, Enabled or Disabled", DefaultValueFactory = _ => FlashAttentionMode.Auto };
        var noWarmup = new Option<bool>("--no-warmup") { Description = "skip the warm-up run" };
        var noThreadpool = new Option<bool>("--no-threadpool") { Description = "let ggml start its workers per decode, as llama-batched-bench does" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "write the records as JSON here" };

        var command = new Command("run", "Run the engine benchmark on one model.");
        shared.AddTo(command);
        foreach (var option in new Option[] { batch, microBatch, poll, flash, noWarmup, noThreadpool, output })
            command.Options.Add(option);
        command.SetAction((result, cancellationToken) => BenchmarkCommandOptions.RunAsync(async progress =>
        {
            var options = shared.Read(result) with
            {
                BatchSize = result.GetValue(batch),
                MicroBatchSize = result.GetValue(microBatch),
                Poll = result.GetValue(poll),
                FlashAttention = result.GetValue(flash),
                Warmup = !result.GetValue(noWarmup),
                PersistentThreadpool = !result.GetValue(noThreadpool),
            };
            var records = await new EngineBenchmark(options).RunAsync(progress, cancellationToken);
            Console.WriteLine(ResultTable.Render(records));
            if (result.GetValue(output) is { } file)
                await File.WriteAllTextAsync(file.FullName, EngineBenchmarkJson.Serialize(records), cancellationToken);
        }));
        return command;
    }
}
