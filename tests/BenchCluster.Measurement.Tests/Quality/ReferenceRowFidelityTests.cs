using BenchCluster.Engine.Inference;
using BenchCluster.Measurement.Quality.Scoring;
using BenchCluster.Testing;
using Xunit.Abstractions;

namespace BenchCluster.Measurement.Tests.Quality;

/// <summary>
/// What the cache's 16-bit rows cost: on real logits of two forged tiny models (152 k vocabulary), the KL-divergence
/// from cached rows against the exact KL computed from both full-precision rows in double, under llama-perplexity's
/// convention (reference tokens at or below −16 nats left out, the rest not renormalised).
/// </summary>
public sealed class ReferenceRowFidelityTests(ITestOutputHelper output)
{
    private sealed class Rows : ILogitsSink
    {
        public List<float[]> All { get; } = [];

        public void Accept(int position, ReadOnlySpan<float> logits) => All.Add(logits.ToArray());
    }

    private static async Task<List<float[]>> ScoreAsync(string path, int[] window)
    {
        await using var backend = await LlamaBackend.LoadAsync(path);
        await using var session = (LlamaSession)await backend.CreateSessionAsync(new SessionOptions { ContextSize = 64, BatchSize = 64, MicroBatchSize = 64, Threads = 2 });
        var rows = new Rows();
        await session.ScoreAsync(window, 32, rows);
        return rows.All;
    }

    private static double ExactKl(float[] reference, float[] model)
    {
        var r = LogSoftmax.Of(reference);
        var m = LogSoftmax.Of(model);
        double sum = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            var logR = r.LogProbability(reference, i);
            if (logR > ReferenceRow.LogProbabilityFloor)
                sum += Math.Exp(logR) * (logR - m.LogProbability(model, i));
        }
        return sum;
    }

    [Fact]
    public async Task Kl_from_cached_rows_is_within_a_tenth_of_a_percent_of_the_exact_kl()
    {
        var window = Enumerable.Range(0, 64).Select(i => 200 + i * 37).ToArray();
        var reference = await ScoreAsync(TestModels.TinyModelPath, window);
        var model = await ScoreAsync(TestModels.Get("tiny", "f16", seed: 1), window);
        var row = new byte[ReferenceRow.Bytes(reference[0].Length)];
        double exact = 0, cached = 0;

        for (var i = 0; i < reference.Count; i++)
        {
            exact += ExactKl(reference[i], model[i]);
            ReferenceRow.Encode(reference[i], window[Math.Min(i + 33, 63)], row);
            cached += ReferenceRow.KlDivergence(row, model[i], LogSoftmax.Of(model[i]));
        }

        var relative = Math.Abs(cached - exact) / exact;
        output.WriteLine($"mean KL exact {exact / reference.Count:G6}, from cached rows {cached / reference.Count:G6}, relative difference {relative:E2}");
        Assert.True(exact > 0);
        Assert.True(relative < 1e-3, $"relative difference {relative:E2}");
    }
}
