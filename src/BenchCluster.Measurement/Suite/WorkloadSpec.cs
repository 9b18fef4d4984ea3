namespace BenchCluster.Measurement.Suite;

/// <summary>What the requests of request-level scenarios look like.</summary>
public sealed record WorkloadSpec
{
    /// <summary>Default input length: 256 tokens.</summary>
    public const int DefaultPromptTokens = 256;
    /// <summary>Default output length: 128 tokens (llama-bench's tg default).</summary>
    public const int DefaultOutputTokens = 128;

    public LengthDistribution PromptTokens { get; init; } = LengthDistribution.Fixed(DefaultPromptTokens);
    public LengthDistribution OutputTokens { get; init; } = LengthDistribution.Fixed(DefaultOutputTokens);
    /// <summary>Where prompt text comes from; "bundled" = BenchCluster's own prompt set.</summary>
    public string PromptSet { get; init; } = "bundled";

    public static WorkloadSpec Default { get; } = new();
}
