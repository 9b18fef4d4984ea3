namespace BenchCluster.Engine.Inference;

/// <summary>How the next token is chosen.</summary>
public sealed record SamplingOptions
{
    /// <summary>
    /// None = llama-bench semantics: logits are computed but not read, and the next input token is drawn
    /// from a seeded generator. Greedy = argmax. Temperature = top-k, then temperature, then a seeded draw.
    /// </summary>
    public SamplingMode Mode { get; init; } = SamplingMode.Greedy;
    public float Temperature { get; init; } = 0.8f;
    public int TopK { get; init; } = 40;
    public uint Seed { get; init; } = 42;

    public static SamplingOptions Greedy { get; } = new();
    public static SamplingOptions None { get; } = new() { Mode = SamplingMode.None };
}

public enum SamplingMode { None, Greedy, Temperature }
