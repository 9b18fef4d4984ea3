namespace BenchCluster.Measurement.Tests.Fakes;

/// <summary>
/// One streamed event of a scripted request: when (ns after the request started), how many tokens, how many of them
/// were reasoning, and whether the count is exact (a server's own count) or a guess.
/// </summary>
public sealed record ScriptedEvent(long OffsetNs, int Tokens, int Reasoning = 0, bool Exact = true);

/// <summary>How a scripted request answers: its events, the usage it reports, or a failure.</summary>
public sealed record ScriptedResponse
{
    public IReadOnlyList<ScriptedEvent> Events { get; init; } = [];
    public int? ServerPromptTokens { get; init; }
    public int? ServerOutputTokens { get; init; }
    /// <summary>Throw this failure after the events (a CompletionException, or anything else).</summary>
    public Exception? Failure { get; init; }

    /// <summary>n one-token events, the first after <paramref name="ttftNs"/>, then every <paramref name="gapNs"/>, with usage.</summary>
    public static ScriptedResponse Steady(int tokens, long ttftNs, long gapNs, int promptTokens = 10) => new()
    {
        Events = Enumerable.Range(0, tokens).Select(i => new ScriptedEvent(ttftNs + (i * gapNs), 1)).ToList(),
        ServerPromptTokens = promptTokens,
        ServerOutputTokens = tokens,
    };
}
