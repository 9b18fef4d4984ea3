using System.CommandLine;
using BenchCluster.Engine.Benchmarking;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Native;

namespace BenchCluster.EngineBench;

/// <summary>The options every engine-bench command that runs a model takes, and how a run reports a bad input.</summary>
internal sealed class BenchmarkCommandOptions
{
    public BenchmarkCommandOptions(string defaultTests, int defaultRepetitions, string repetitionsDescription)
    {
        Tests = new Option<string>("--tests") { Description = "comma-separated tests", DefaultValueFactory = _ => defaultTests };
        Repetitions = new Option<int>("--repetitions", "-r") { Description = repetitionsDescription, DefaultValueFactory = _ => defaultRepetitions };
    }

    public Option<FileInfo> Model { get; } = new("--model", "-m") { Description = "GGUF model file", Required = true };
    public Option<string> Tests { get; }
    public Option<int> Threads { get; } = new("--threads", "-t") { Description = "threads", DefaultValueFactory = _ => Environment.ProcessorCount };
    public Option<int> Repetitions { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Tests);
        command.Options.Add(Threads);
        command.Options.Add(Repetitions);
    }

    /// <summary>Benchmark settings from the shared options; everything else keeps llama-bench's defaults.</summary>
    public EngineBenchmarkOptions Read(ParseResult result) => new()
    {
        ModelPath = result.GetValue(Model)!.FullName,
        Tests = result.GetValue(Tests)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(EngineBenchmarkTest.Parse).ToArray(),
        Threads = result.GetValue(Threads),
        Repetitions = result.GetValue(Repetitions),
    };

    /// <summary>Runs <paramref name="benchmark"/>; a model, library or test name it cannot use ends it with its message and exit code 2.</summary>
    public static async Task<int> RunAsync(Func<IProgress<string>, Task> benchmark)
    {
        try
        {
            await benchmark(new Progress<string>(line => Console.Error.WriteLine($"engine-bench: {line}")));
            return 0;
        }
        catch (Exception e) when (e is InferenceException or LlamaLibraryException or FormatException)
        {
            Console.Error.WriteLine($"engine-bench: {e.Message}");
            return 2;
        }
    }
}
