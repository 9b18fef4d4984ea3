namespace BenchCluster.LoadGenBench.ServingParity;

/// <summary>
/// One workload and one server configuration, applied identically to `benchcluster serve` and llama-server
/// (see <see cref="ServerCommandLines"/> for how each setting is spelled on each side).
/// </summary>
internal sealed record ParitySettings
{
    public required string ModelPath { get; init; }
    public int Threads { get; init; } = 2;
    public int Slots { get; init; } = 4;
    /// <summary>Tokens each slot holds; llama.cpp rounds a sequence's share of n_ctx up to a multiple of 256.</summary>
    public int ContextPerSlot { get; init; } = 256;
    public int PromptTokens { get; init; } = 64;
    public int OutputTokens { get; init; } = 48;
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 4, 8];
    /// <summary>Measured requests per concurrency level, per server and round.</summary>
    public int Requests { get; init; } = 16;
    public int Rounds { get; init; } = 3;

    public int TotalContext => checked(Slots * ContextPerSlot);

    /// <summary>Refuses settings the servers cannot run, naming the option.</summary>
    public void Validate()
    {
        if (!File.Exists(ModelPath))
            throw new ArgumentException($"--model {ModelPath}: no such file; forge one with ./benchcluster forge --preset qwen2.5-0.5b --type q4_k_m.");
        if (Threads < 1 || Slots < 1 || PromptTokens < 1 || OutputTokens < 2 || Requests < 1 || Rounds < 1)
            throw new ArgumentException("--threads, --slots, --prompt-tokens, --requests and --rounds must be at least 1, --output-tokens at least 2 (TPOT needs two tokens).");
        if (Concurrency.Count == 0 || Concurrency.Any(c => c < 1))
            throw new ArgumentException("--concurrency must list levels of at least 1, e.g. 1,4,8.");
        if (PromptTokens + OutputTokens > ContextPerSlot)
            throw new ArgumentException($"--ctx-per-slot {ContextPerSlot} cannot hold {PromptTokens} prompt + {OutputTokens} output tokens: raise it.");
    }
}
