using BenchCluster.Engine.Timing;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Benchmarking;

/// <summary>Builds a record from raw repetition timings; every statistic is derived here from the kept samples.</summary>
internal static class EngineBenchmarkRecords
{

    public static EngineBenchmarkRecord Create(IInferenceBackend backend, EngineBenchmarkOptions options, EngineBenchmarkTest test,
        string testTime, IReadOnlyList<RepetitionTiming> samples)
    {
        var samplesNs = samples.Select(s => s.Nanoseconds).ToArray();
        var samplesTs = samplesNs.Select(ns => test.TokensPerRepetition * TimeUnits.NanosecondsPerSecond / ns).ToArray();
        var nanoseconds = samplesNs.Select(ns => (double)ns).ToArray();
        var speedPp = Present(samples.Select(s => s.PromptTokensPerSecond));
        var speedTg = Present(samples.Select(s => s.GenerationTokensPerSecond));
        var model = backend.Model;
        var cpu = backend.Build.Devices.FirstOrDefault(d => d.StartsWith("CPU", StringComparison.Ordinal)) ?? "";

        return new EngineBenchmarkRecord
        {
            BuildCommit = backend.Build.Version,
            CpuInfo = cpu,
            Backends = backend.Build.SupportsGpuOffload ? "GPU" : "CPU",
            ModelFilename = model.Path,
            ModelType = model.Description,
            ModelSize = model.TensorSizeBytes,
            ModelNParams = model.ParameterCount,
            ModelSha256 = model.Sha256,
            NBatch = options.BatchSize,
            NUbatch = options.MicroBatchSize,
            NThreads = options.Threads,
            Poll = options.Poll,
            PersistentThreadpool = options.PersistentThreadpool,
            TypeK = options.KvCacheType.ToString().ToLowerInvariant(),
            TypeV = options.KvCacheType.ToString().ToLowerInvariant(),
            NGpuLayers = options.GpuLayers,
            FlashAttn = (int)SessionDecoder.ToNative(options.FlashAttention),
            NPrompt = test.PromptTokens,
            NGen = test.GenerateTokens,
            Pl = test.Sequences,
            Test = test.Name,
            TestTime = testTime,
            AvgNs = (long)SampleStatistics.Mean(nanoseconds),
            StddevNs = (long)SampleStatistics.StandardDeviation(nanoseconds),
            AvgTs = SampleStatistics.Mean(samplesTs),
            StddevTs = SampleStatistics.StandardDeviation(samplesTs),
            SpeedPp = MeanOrNull(speedPp),
            SpeedTg = MeanOrNull(speedTg),
            SamplesSpeedPp = speedPp,
            SamplesSpeedTg = speedTg,
            SamplesNs = samplesNs,
            SamplesTs = samplesTs,
        };
    }

    private static double[]? Present(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return present.Length == 0 ? null : present;
    }

    private static double? MeanOrNull(double[]? values) => values is null ? null : SampleStatistics.Mean(values);
}
