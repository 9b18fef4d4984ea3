namespace BenchCluster.Measurement.Suite;

/// <summary>Bounds on multi-turn and shared-prefix workloads, checked when the suite is read.</summary>
public static class ConversationLimits
{
    /// <summary>Turns of one conversation: chat sessions of hundreds of turns are rare, and each turn resends the whole history.</summary>
    public const int MaxTurns = 100;

    /// <summary>Think time between an answer and the next turn: ten minutes.</summary>
    public const int MaxThinkTimeMs = 600_000;

    /// <summary>Distinct users of a shared-prefix workload.</summary>
    public const int MaxUsers = 100_000;

    /// <summary>The longest conversation (system prompt, every turn's message and answer): 1 Mi tokens, beyond any model's context today.</summary>
    public const int MaxConversationTokens = 1024 * 1024;

    /// <summary>Tokens a re-tokenized answer may add to a turn over the count generated (in-process contexts reserve them).</summary>
    public const int RetokenizationSlackPerTurn = 8;
}
