using System.Globalization;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage.Jobs;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.LlamaBench;

/// <summary>Turns a run's pp/tg/pg results into llama-bench's records; other scenario kinds have no llama-bench form.</summary>
public static class LlamaBenchResults
{
    private static readonly HashSet<string> MicroKinds = new(StringComparer.OrdinalIgnoreCase) { "pp", "tg", "pg" };

    public static IReadOnlyList<LlamaBenchResult> From(IReadOnlyList<ResultView> views, IReadOnlyList<PointScenarioRow> scenarios)
    {
        var byPoint = scenarios.GroupBy(s => s.PointKey).ToDictionary(g => g.Key, g => g.First());
        var results = new List<LlamaBenchResult>();
        foreach (var view in views)
        {
            if (!byPoint.TryGetValue(view.PointKey, out var scenario) || !MicroKinds.Contains(scenario.Kind))
                continue;
            results.Add(From(ResultRecordFactory.FromView(view), LlamaBenchProvenance.Read(view.ProvenanceJson), scenario));
        }
        // llama-bench's own order: per model, prompt processing first, then generation, then both.
        return results.OrderBy(r => r.Node, StringComparer.Ordinal).ThenBy(r => r.ModelFilename, StringComparer.Ordinal)
            .ThenBy(r => r.NGen == 0 ? 0 : r.NPrompt == 0 ? 1 : 2).ThenBy(r => r.NPrompt).ThenBy(r => r.NGen).ThenBy(r => r.NDepth).ToList();
    }

    /// <summary>llama-bench's test name: pp512, tg128, pp512+tg128, with " @ d512" for a depth.</summary>
    public static string TestName(LlamaBenchResult result)
    {
        var name = result.NGen == 0 ? $"pp{result.NPrompt}" : result.NPrompt == 0 ? $"tg{result.NGen}" : $"pp{result.NPrompt}+tg{result.NGen}";
        return result.NDepth > 0 ? $"{name} @ d{result.NDepth}" : name;
    }

    private static LlamaBenchResult From(ResultRecord record, LlamaBenchProvenance provenance, PointScenarioRow scenario)
    {
        var kind = scenario.Kind.ToLowerInvariant();
        var prompt = kind == "tg" ? 0 : scenario.PromptTokens ?? 0;
        var generated = kind == "pp" ? 0 : scenario.OutputTokens ?? 0;
        var samplesTs = record.RepetitionValues ?? [];
        // llama-bench: t/s = tokens · 1e9 / ns of each repetition, so ns = tokens · 1e9 / t/s.
        var samplesNs = samplesTs.Where(ts => ts > 0).Select(ts => (long)Math.Round((prompt + generated) * 1e9 / ts)).ToList();
        var gpus = provenance.Devices.Where(d => !d.StartsWith("CPU", StringComparison.OrdinalIgnoreCase)).ToList();
        return new LlamaBenchResult
        {
            BuildCommit = provenance.EngineVersion?.Split(' ')[0],
            CpuInfo = provenance.Cpu ?? record.Provenance.Cpu,
            GpuInfo = string.Join(", ", gpus),
            Backends = Backends(record, gpus),
            ModelFilename = record.ModelFile,
            ModelType = provenance.ModelDescription,
            ModelSize = provenance.TensorBytes,
            ModelNParams = provenance.Parameters,
            NBatch = provenance.BatchSize ?? record.Settings.BatchSize,
            NUbatch = provenance.MicroBatchSize ?? record.Settings.MicroBatchSize,
            NThreads = provenance.Threads ?? record.Settings.Threads,
            Poll = provenance.Poll,
            TypeK = (provenance.KvType ?? record.Settings.KvType)?.ToLowerInvariant(),
            TypeV = (provenance.KvType ?? record.Settings.KvType)?.ToLowerInvariant(),
            NGpuLayers = record.Settings.GpuLayers ?? 0,
            FlashAttn = FlashAttn(provenance.FlashAttention ?? record.Settings.FlashAttention),
            NPrompt = prompt,
            NGen = generated,
            NDepth = scenario.Depth,
            TestTime = (provenance.Started ?? record.Provenance.CreatedAt).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            AvgNs = samplesNs.Count == 0 ? null : (long)Math.Round(samplesNs.Average()),
            StddevNs = samplesNs.Count < 2 ? null : (long)Math.Round(StdDev(samplesNs.Select(n => (double)n).ToList())),
            AvgTs = record.TokensPerSecond,
            StddevTs = record.TokensPerSecondStdDev,
            SamplesNs = samplesNs,
            SamplesTs = samplesTs,
            Node = record.Node,
        };
    }

    private static string Backends(ResultRecord record, IReadOnlyList<string> gpus)
    {
        if (gpus.Count == 0 && record.DeviceKind is null or "cpu")
            return "CPU";
        return record.DeviceKind?.ToLowerInvariant() switch
        {
            "cuda" => "CUDA",
            "vulkan" => "Vulkan",
            "metal" => "Metal",
            _ => gpus.Count > 0 ? "GPU" : "CPU",
        };
    }

    private static int? FlashAttn(string? mode) => mode?.ToLowerInvariant() switch
    {
        "auto" => -1,
        "enabled" or "on" or "true" => 1,
        "disabled" or "off" or "false" => 0,
        _ => null,
    };

    private static double StdDev(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
