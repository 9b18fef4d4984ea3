using System.Text.Json;
using BenchCluster.Engine.Benchmarking;

namespace BenchCluster.EngineBench;

/// <summary>
/// Reads samples from our JSON, llama-bench's <c>-o json</c> and llama-batched-bench's <c>--output-format jsonl</c>.
/// For batched shapes "t/s" is llama-batched-bench's "speed" ((pl·pp + pl·tg) / t), which is what our avg_ts holds.
/// </summary>
internal static class ResultFiles
{
    public static IEnumerable<MeasuredValue> ReadOurs(string path)
    {
        foreach (var r in EngineBenchmarkJson.Deserialize(File.ReadAllText(path)))
        {
            foreach (var ts in r.SamplesTs)
                yield return new MeasuredValue(r.NPrompt, r.NGen, r.Pl, MeasuredValue.TokensPerSecond, ts);
            foreach (var v in r.SamplesSpeedPp ?? [])
                yield return new MeasuredValue(r.NPrompt, r.NGen, r.Pl, MeasuredValue.SpeedPp, v);
            foreach (var v in r.SamplesSpeedTg ?? [])
                yield return new MeasuredValue(r.NPrompt, r.NGen, r.Pl, MeasuredValue.SpeedTg, v);
        }
    }

    public static IEnumerable<MeasuredValue> ReadLlamaBench(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = new List<MeasuredValue>();
        foreach (var test in document.RootElement.EnumerateArray())
        {
            var prompt = test.GetProperty("n_prompt").GetInt32();
            var generate = test.GetProperty("n_gen").GetInt32();
            foreach (var ts in test.GetProperty("samples_ts").EnumerateArray())
                values.Add(new MeasuredValue(prompt, generate, 1, MeasuredValue.TokensPerSecond, ts.GetDouble()));
        }
        return values;
    }

    /// <summary>
    /// JSON lines among the tool's other output; each line is one (pp, tg, pl) run. The tool has no repetitions and
    /// warms up with a single 16-token decode, so the first <paramref name="warmupRuns"/> lines of a file are skipped
    /// as our warm-up run is (run it with the same shape repeated, e.g. -npl 8,8,8,8,8,8).
    /// </summary>
    public static IEnumerable<MeasuredValue> ReadBatchedBench(string path, int warmupRuns = 1)
    {
        var values = new List<MeasuredValue>();
        var runs = 0;
        foreach (var line in File.ReadLines(path))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("{\"n_kv_max\"", StringComparison.Ordinal) || runs++ < warmupRuns)
                continue;
            using var run = JsonDocument.Parse(trimmed);
            var root = run.RootElement;
            var (pp, tg, pl) = (root.GetProperty("pp").GetInt32(), root.GetProperty("tg").GetInt32(), root.GetProperty("pl").GetInt32());
            values.Add(new MeasuredValue(pp, tg, pl, MeasuredValue.TokensPerSecond, root.GetProperty("speed").GetDouble()));
            values.Add(new MeasuredValue(pp, tg, pl, MeasuredValue.SpeedPp, root.GetProperty("speed_pp").GetDouble()));
            values.Add(new MeasuredValue(pp, tg, pl, MeasuredValue.SpeedTg, root.GetProperty("speed_tg").GetDouble()));
        }
        return values;
    }
}
