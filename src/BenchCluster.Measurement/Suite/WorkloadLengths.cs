namespace BenchCluster.Measurement.Suite;

/// <summary>The longest request a workload can send, for sizing contexts and refusing impossible suites.</summary>
public static class WorkloadLengths
{
    /// <summary>An upper length for an unbounded distribution: mean + 4 standard deviations.</summary>
    public static int PlausibleMax(LengthDistribution d) =>
        d.Max != int.MaxValue ? d.Max : (int)Math.Min(int.MaxValue, Math.Ceiling(d.Mean + (4 * d.StdDev)));

    /// <summary>
    /// Prompt and output tokens of the longest request: one turn for single-turn workloads; for multi-turn ones the
    /// last turn, whose prompt holds the system prompt and every earlier message and answer.
    /// </summary>
    public static long MaxRequestTokens(WorkloadSpec workload)
    {
        long prompt = PlausibleMax(workload.PromptTokens);
        long output = PlausibleMax(workload.OutputTokens);
        if (workload.Conversation is not { } conversation)
            return prompt + output;
        var prefix = workload.SharedPrefix?.Tokens ?? 0;
        long turns = PlausibleMax(conversation.Turns);
        return prefix + (turns * (prompt - prefix + output + ConversationLimits.RetokenizationSlackPerTurn));
    }
}
