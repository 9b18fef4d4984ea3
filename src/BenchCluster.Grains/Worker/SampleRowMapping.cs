using BenchCluster.Measurement.Samples;
using BenchCluster.Storage.Samples;

namespace BenchCluster.Grains.Worker;

/// <summary>The measurement layer's raw sample as a row of the samples table (field for field).</summary>
public static class SampleRowMapping
{
    public static SampleRow ToRow(Sample sample) => new()
    {
        Seq = sample.Seq,
        Kind = sample.Kind.ToString(),
        IsWarmup = sample.IsWarmup,
        Stage = sample.Stage,
        ScheduledNs = sample.ScheduledNs,
        SentNs = sample.SentNs,
        FirstTokenNs = sample.FirstTokenNs,
        PromptEndNs = sample.PromptEndNs,
        EndNs = sample.EndNs,
        EventNs = sample.EventNs,
        EventTokenCounts = sample.EventTokenCounts,
        PromptTokens = sample.PromptTokens,
        OutputTokens = sample.OutputTokens,
        ServerPromptTokens = sample.ServerPromptTokens,
        ServerOutputTokens = sample.ServerOutputTokens,
        RequestedOutputTokens = sample.RequestedOutputTokens,
        Error = sample.Error,
        ConversationId = sample.ConversationId,
        TurnIndex = sample.TurnIndex,
        CachedPromptTokens = sample.CachedPromptTokens,
        ReasoningTokens = sample.ReasoningTokens,
        FirstOutputNs = sample.FirstOutputNs,
        Driver = sample.Driver,
        TokenCountsExact = sample.TokenCountsExact,
    };

    public static Sample FromRow(SampleRow row) => new()
    {
        Seq = row.Seq,
        Kind = Enum.Parse<SampleKind>(row.Kind),
        IsWarmup = row.IsWarmup,
        Stage = row.Stage,
        ScheduledNs = row.ScheduledNs,
        SentNs = row.SentNs,
        FirstTokenNs = row.FirstTokenNs,
        PromptEndNs = row.PromptEndNs,
        EndNs = row.EndNs,
        EventNs = row.EventNs,
        EventTokenCounts = row.EventTokenCounts,
        PromptTokens = row.PromptTokens,
        OutputTokens = row.OutputTokens,
        ServerPromptTokens = row.ServerPromptTokens,
        ServerOutputTokens = row.ServerOutputTokens,
        RequestedOutputTokens = row.RequestedOutputTokens,
        Error = row.Error,
        ConversationId = row.ConversationId,
        TurnIndex = row.TurnIndex,
        CachedPromptTokens = row.CachedPromptTokens,
        ReasoningTokens = row.ReasoningTokens,
        FirstOutputNs = row.FirstOutputNs,
        Driver = row.Driver,
        TokenCountsExact = row.TokenCountsExact,
    };
}
