using BenchCluster.Engine.Quantization;
using BenchCluster.Engine.Training;
using BenchCluster.EngineChild;
using BenchCluster.EngineProcess.Jobs;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Forge;
using BenchCluster.Gguf.Siblings;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;
using BenchCluster.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.EngineProcess.Tests;

/// <summary>
/// Quality on learned weights: the tiny model BenchCluster trains on the grammar corpus (grammar-train), its F16
/// sibling as the reference and Q8_0 / Q4_K_M / Q4_0 siblings quantized from the same parent, each scored by the
/// quality job in the engine child as a run would, on the held-out grammar text. Training lowers perplexity against
/// the untrained start, and KL-divergence against F16 orders Q8_0 &lt; Q4_K_M &lt; Q4_0 as on real models.
/// </summary>
public sealed class TrainedFamilyQualityTests
{
    private const int Windows = 12;

    private static string DataFolder => Path.Combine(RepositoryPaths.Root, ".data");

    [Fact]
    public async Task Training_lowers_perplexity_and_kl_divergence_against_f16_orders_q8_0_then_q4_k_m_then_q4_0()
    {
        var recipe = new TrainingRecipe();
        var trained = await TinyModelTrainer.GetOrTrainAsync(recipe, Corpus(BuiltInCorpora.GrammarTrain), DataFolder, threads: 2);
        var folder = RepositoryPaths.Scratch(nameof(TrainedFamilyQualityTests));
        var untrained = Path.Combine(folder, "untrained-start-f16.gguf");
        if (!File.Exists(untrained))
            await ModelForge.ForgeAsync(recipe.StartSpec(), untrained);
        var family = new Dictionary<string, string>();
        foreach (var type in new[] { "f16", "q8_0", "q4_k_m", "q4_0" })
            family[type] = await SiblingAsync(trained.Path, folder, type);
        var reference = family["f16"];
        var referenceSha = await ModelFileDigest.GetSha256Async(reference);
        var cache = Path.Combine(folder, "cache");

        var start = await ScoreAsync(untrained, null, null, cache);
        var scores = new Dictionary<string, QualityMeasurement>();
        foreach (var (type, path) in family)
            scores[type] = await ScoreAsync(path, reference, referenceSha, cache);

        // Learned weights: far below the untrained start, which guesses about uniformly over 32,000 tokens.
        Assert.True(scores["f16"].Perplexity * 4 < start.Perplexity, $"trained {scores["f16"].Perplexity:F1} vs untrained {start.Perplexity:F1}");
        Assert.True(scores["f16"].Perplexity < recipe.VocabSize / 8.0, $"trained perplexity {scores["f16"].Perplexity:F1}");
        Assert.InRange(scores["f16"].Reference!.KlDivergenceMean, -1e-6, 1e-6); // the reference read back from its 16-bit cache rows
        var q8 = scores["q8_0"].Reference!.KlDivergenceMean;
        var q4km = scores["q4_k_m"].Reference!.KlDivergenceMean;
        var q4 = scores["q4_0"].Reference!.KlDivergenceMean;
        Assert.True(q8 > 0, $"q8_0 KLD {q8}");
        // Measured with llama-perplexity on the same files (docs/quality.md): 4.3e-5, 2.7e-3, 4.1e-3 over 32 windows.
        Assert.True(q8 * 10 < q4km, $"KLD against f16: q8_0 {q8:E3}, q4_k_m {q4km:E3}");
        Assert.True(q4km * 1.1 < q4, $"KLD against f16: q4_k_m {q4km:E3} should stay clearly under q4_0 {q4:E3}");
        Assert.All(scores.Values, quality => Assert.False(quality.IsSyntheticModel));
    }

    private static async Task<string> SiblingAsync(string parent, string folder, string typeName)
    {
        var path = Path.Combine(folder, $"trained-tiny-{typeName}.gguf");
        if (File.Exists(path))
            return path;
        Assert.True(QuantizationTypes.TryParse(typeName, out var type));
        await ModelQuantizer.QuantizeAsync(parent, path, type, threads: 2);
        return path;
    }

    private static async Task<QualityMeasurement> ScoreAsync(string modelPath, string? referencePath, string? referenceSha, string cache)
    {
        await using var handler = new InferenceJobHandler(NullLoggerFactory.Instance);
        await handler.LoadAsync(MeasurementJson.Serialize(new EngineLoadRequest(modelPath, 0)), CancellationToken.None);
        var request = new EngineRunRequest(MeasurementJson.Serialize(Job(referenceSha)), "test-node", new EngineQualityFiles(referencePath, referenceSha, cache));
        var measurement = MeasurementJson.Deserialize<JobMeasurement>(await handler.RunAsync(MeasurementJson.Serialize(request), CancellationToken.None));
        Assert.Null(measurement.Error);
        return Assert.IsType<QualityMeasurement>(measurement.Quality);
    }

    private static JobSpec Job(string? referenceSha) =>
        QualityJobSpecs.Create(
            new QualitySpec { Corpus = BuiltInCorpora.Grammar, ContextTokens = 256, MaxWindows = Windows },
            referenceSha is null ? null : new QualityReferenceModel("trained-tiny-f16", referenceSha, null));

    private static TrainingCorpus Corpus(string name)
    {
        var corpus = CorpusSource.Load(name);
        return new TrainingCorpus(corpus.Name, corpus.Sha256, corpus.Text);
    }
}
