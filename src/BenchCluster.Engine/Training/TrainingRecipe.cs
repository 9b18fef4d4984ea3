using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchCluster.Gguf.Forge;

namespace BenchCluster.Engine.Training;

/// <summary>
/// Everything that decides a trained tiny model: the starting shape and seed (forged F16, widened to F32), the
/// training context, epochs, learning rate and validation share. With the corpus SHA-256 and the llama.cpp release it
/// forms the cache key, so a changed recipe, corpus or library trains anew and an unchanged one never does.
/// </summary>
public sealed record TrainingRecipe
{
    /// <summary>Bumped when the trainer changes what it does with the same recipe.</summary>
    public const int TrainerVersion = 2;

    public int Layers { get; init; } = 4;
    /// <summary>
    /// 256, not 128: k-quants pack rows in blocks of 256, so with rows of 128 llama_model_quantize falls back to
    /// other types and Q4_K_M came out further from F16 than Q4_0 (measured, docs/quality.md).
    /// </summary>
    public int Embedding { get; init; } = 256;
    public int FeedForward { get; init; } = 512;
    public int Heads { get; init; } = 4;
    /// <summary>
    /// runtimes/vocab/ggml-vocab-{Tokenizer}.gguf: a real tokenizer, so the corpus tokenizes as a real model's would.
    /// Llama 2's 32,000-token SentencePiece vocabulary: the output layer (vocabulary × embedding) is most of the
    /// compute of so small a model, and llama-bpe's 128,256 rows made each epoch about four times longer.
    /// </summary>
    public string Tokenizer { get; init; } = "llama-spm";
    public int VocabSize { get; init; } = 32_000;
    /// <summary>
    /// Tokens per training window, windows side by side (also the model's context length after training). A multiple
    /// of 256: llama.cpp pads a context to one, and llama_opt_epoch cuts its windows at the padded size.
    /// </summary>
    public int ContextTokens { get; init; } = 256;
    public ulong Seed { get; init; } = 1;
    /// <summary>
    /// Three passes over the grammar corpus (grammar-train, 180 kB): held-out loss 4.11, 3.58, 3.20 by epoch (docs/quality.md).
    /// </summary>
    public int Epochs { get; init; } = 3;
    /// <summary>
    /// AdamW step size. At 256 wide, 1e-4 lowers train and held-out loss every epoch on the grammar corpus; on the
    /// bundled prose 3e-4 rose again from epoch 3 and 1e-3 oscillated (measured, docs/quality.md).
    /// </summary>
    public float LearningRate { get; init; } = 1e-4f;
    /// <summary>
    /// False: every epoch at <see cref="LearningRate"/>. True: a cosine schedule by epoch, the first epoch at a third of
    /// the peak (warm-up), then from the peak down towards zero at the last epoch, so a higher peak can be reached
    /// without the late-epoch rise a constant 3e-4 showed.
    /// </summary>
    public bool CosineSchedule { get; init; }

    /// <summary>AdamW step size of epoch <paramref name="epoch"/> (1-based).</summary>
    public float LearningRateOf(int epoch)
    {
        if (!CosineSchedule)
            return LearningRate;
        if (epoch == 1 && Epochs > 1)
            return LearningRate / 3;
        var progress = Epochs <= 2 ? 0 : (epoch - 2) / (double)(Epochs - 1);
        return (float)(LearningRate * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <summary>The share of windows held out to measure evaluation loss.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>The untrained starting point: a Llama-shaped model (untied output: llama.cpp trains output.weight, never token_embd).</summary>
    public ForgeSpec StartSpec() => new ForgeSpec
    {
        Preset = "trained-tiny-init",
        Architecture = ForgeArchitecture.Llama,
        EmbeddingLength = Embedding,
        FeedForwardLength = FeedForward,
        BlockCount = Layers,
        HeadCount = Heads,
        HeadCountKv = Heads,
        VocabSize = VocabSize,
        ContextLength = ContextTokens,
        TiedEmbeddings = false,
        RmsNormEpsilon = 1e-5f,
        Tokenizer = Tokenizer,
        WeightType = ForgeWeightType.F16,
        Seed = Seed,
    }.Validate();

    /// <summary>Lower-case hex SHA-256 of the recipe, the corpus and the library release.</summary>
    public string Key(string corpusSha256, string libraryRelease)
    {
        var text = string.Join('|',
            $"trainer={TrainerVersion}", $"forge={ModelForge.ForgeVersion}", $"layers={Layers}", $"embd={Embedding}", $"ffn={FeedForward}",
            $"heads={Heads}", $"tokenizer={Tokenizer}", $"vocab={VocabSize}", $"ctx={ContextTokens}", $"seed={Seed}", $"epochs={Epochs}",
            $"lr={LearningRate.ToString("R", CultureInfo.InvariantCulture)}{(CosineSchedule ? "-cosine" : "")}", $"val={ValidationFraction.ToString("R", CultureInfo.InvariantCulture)}",
            $"corpus={corpusSha256}", $"llama={libraryRelease}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Refuses values that cannot train, naming the field.</summary>
    public TrainingRecipe Validate()
    {
        if (Epochs is < 1 or > 1000)
            throw new TrainingException($"TrainingRecipe.Epochs is {Epochs}: use 1 to 1000.");
        if (ContextTokens is < 256 or > 8192 || ContextTokens % 256 != 0)
            throw new TrainingException($"TrainingRecipe.ContextTokens is {ContextTokens}: use a multiple of 256 from 256 to 8192 (llama.cpp pads contexts to 256).");
        if (!float.IsFinite(LearningRate) || LearningRate <= 0 || LearningRate > 0.1f)
            throw new TrainingException($"TrainingRecipe.LearningRate is {LearningRate}: use a value in (0, 0.1], e.g. 1e-3.");
        if (ValidationFraction is < 0 or >= 0.5 || double.IsNaN(ValidationFraction))
            throw new TrainingException($"TrainingRecipe.ValidationFraction is {ValidationFraction}: use 0 to 0.5.");
        StartSpec();
        return this;
    }
}
