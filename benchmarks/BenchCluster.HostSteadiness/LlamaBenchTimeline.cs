using System.Text.Json;

namespace BenchCluster.HostSteadiness;

/// <summary>
/// One llama-bench test's repetitions (`-o json`, its samples_ns), taken as back to back: llama-bench times one
/// repetition right after the other. A repetition placed at a time is the sample running then, so the report asks
/// how llama-bench's own samples would fare if they were picked the way the cluster spaces its repetitions.
/// </summary>
internal sealed class LlamaBenchTimeline : WorkTimeline
{
    private const int MaxSamples = 100_000;
    /// <summary>llama-bench writes a few hundred bytes per test plus 20 per sample; 64 MiB is far above any real file.</summary>
    private const long MaxFileBytes = 64L * 1024 * 1024;
    private readonly double[] _starts;
    private readonly double[] _rates;

    private LlamaBenchTimeline(IReadOnlyList<long> samplesNs, string test)
    {
        _starts = new double[samplesNs.Count];
        _rates = new double[samplesNs.Count];
        var at = 0.0;
        for (var i = 0; i < samplesNs.Count; i++)
        {
            _starts[i] = at;
            var seconds = samplesNs[i] / 1e9;
            _rates[i] = 1 / seconds;
            at += seconds;
        }
        DurationSeconds = at;
        Test = test;
    }

    public string Test { get; }
    public override double DurationSeconds { get; }
    public override IReadOnlyList<double> Rates => _rates;
    public override string RateName => "repetitions per second, per llama-bench sample";

    public override double RepetitionRate(double fromSeconds, double windowSeconds)
    {
        var index = Array.BinarySearch(_starts, fromSeconds);
        index = index >= 0 ? index : Math.Min(~index, _starts.Length - 1);
        return _rates[index];
    }

    /// <summary>The first test in a llama-bench JSON file (an array of tests); a clear error for anything else.</summary>
    public static LlamaBenchTimeline Read(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
            throw new InvalidDataException($"{path}: {length:N0} bytes, above the {MaxFileBytes:N0} a llama-bench JSON file can need; name the file llama-bench -o json wrote");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 16 });
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            throw new InvalidDataException($"{path}: not llama-bench JSON (an array of tests); write it with llama-bench -o json");
        var test = document.RootElement[0];
        if (!test.TryGetProperty("samples_ns", out var samples) || samples.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{path}: the first test has no samples_ns array; write it with llama-bench -o json");
        if (samples.GetArrayLength() is < 2 or > MaxSamples)
            throw new InvalidDataException($"{path}: {samples.GetArrayLength()} samples; 2 to {MaxSamples} are needed (raise llama-bench -r)");
        var values = samples.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var ns) && ns > 0 ? ns
            : throw new InvalidDataException($"{path}: samples_ns holds '{s}', not a positive whole number of nanoseconds")).ToArray();
        var name = $"{Text(test, "model_type")} n_prompt={Text(test, "n_prompt")} n_gen={Text(test, "n_gen")} threads={Text(test, "n_threads")}";
        return new LlamaBenchTimeline(values, name);
    }

    private static string Text(JsonElement test, string property) => test.TryGetProperty(property, out var value) ? value.ToString() : "?";
}
