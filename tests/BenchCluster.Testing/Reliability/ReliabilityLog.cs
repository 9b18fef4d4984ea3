using System.Text.Json;

namespace BenchCluster.Testing.Reliability;

/// <summary>
/// Where tests record what they proved about faults and bad input, one JSON line per row under
/// .data/reliability/, so docs/reliability.md is assembled from a test run (infra/reliability-report.sh)
/// rather than written by hand. Call it only after the test's assertions passed.
/// </summary>
public static class ReliabilityLog
{
    public const string FaultsFile = "faults.jsonl";
    public const string BadInputFile = "bad-input.jsonl";
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly Lock Gate = new();

    public static string Folder => Path.Combine(RepositoryPaths.Root, ".data", "reliability");

    /// <summary>A fault the test caused and what the system did about it.</summary>
    public static void Fault(FaultRecord record) => Append(FaultsFile, record);

    /// <summary>A class of hostile or broken input, how many cases the test tried, and how each was answered.</summary>
    public static void BadInput(BadInputRecord record) => Append(BadInputFile, record);

    private static void Append<T>(string file, T record)
    {
        var line = JsonSerializer.Serialize(record, Json) + "\n";
        lock (Gate)
        {
            Directory.CreateDirectory(Folder);
            // Several test processes append at once; an exclusive open serializes them across processes.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var stream = new FileStream(Path.Combine(Folder, file), FileMode.Append, FileAccess.Write, FileShare.None);
                    var bytes = System.Text.Encoding.UTF8.GetBytes(line);
                    stream.Write(bytes);
                    return;
                }
                catch (IOException) when (attempt < 50)
                {
                    Thread.Sleep(20);
                }
            }
        }
    }
}
