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
    /// <summary>Prompts from a dataset file; null = the bundled set (null keeps the point key of older suites).</summary>
    public DatasetSpec? Dataset { get; init; }
    /// <summary>Multi-turn conversations; null = one request per conversation.</summary>
    public ConversationSpec? Conversation { get; init; }
    /// <summary>Token choice at a temperature; null = greedy (null keeps the point key of older suites).</summary>
    public SamplingSpec? Sampling { get; init; }

    /// <summary>A system prompt common to all users; null = none.</summary>
    public SharedPrefixSpec? SharedPrefix { get; init; }

    public static WorkloadSpec Default { get; } = new();
}
