using BenchCluster.Storage.Samples;

namespace BenchCluster.IngestBench;

/// <summary>What one benchmarked sample row holds.</summary>
internal sealed record RowShape(string Name, string Description, int EventsPerRow)
{
    private const int PromptTokens = 512;
    private const long RequestSpacingNs = 50_000_000;
    private const long FirstTokenDelayNs = 80_000_000;
    private const long TokenGapNs = 18_000_000;

    /// <summary>A micro-benchmark repetition (llama-bench tg): timestamps and counts, no per-event arrays.</summary>
    public static RowShape Micro { get; } = new("micro", "tg repetition: 4 timestamps, token counts, empty event arrays", 0);

    /// <summary>A streamed request: per-event arrival times and token counts for every output token.</summary>
    public static RowShape Streamed(int events) =>
        new($"streamed-{events}", $"streamed request: {events} event times (bigint[]) + {events} token counts (int[])", events);

    public IReadOnlyList<SampleRow> Build(int count)
    {
        var rows = new SampleRow[count];
        for (var seq = 0; seq < count; seq++)
        {
            var scheduled = seq * RequestSpacingNs;
            var firstToken = scheduled + FirstTokenDelayNs;
            var events = new long[EventsPerRow];
            var tokens = new int[EventsPerRow];
            for (var i = 0; i < EventsPerRow; i++)
            {
                events[i] = firstToken + i * TokenGapNs + (seq * 7919 + i * 104_729) % 1_000_000;
                tokens[i] = i % 16 == 15 ? 2 : 1;
            }
            var output = EventsPerRow == 0 ? 128 : tokens.Sum();
            rows[seq] = new SampleRow
            {
                Seq = seq,
                Kind = EventsPerRow == 0 ? "Generation" : "Request",
                IsWarmup = seq < 2,
                ScheduledNs = EventsPerRow == 0 ? null : scheduled,
                SentNs = scheduled + 15_000,
                FirstTokenNs = firstToken,
                PromptEndNs = EventsPerRow == 0 ? firstToken - 1_000 : null,
                EndNs = firstToken + Math.Max(EventsPerRow, 128) * TokenGapNs,
                EventNs = events,
                EventTokenCounts = tokens,
                PromptTokens = PromptTokens,
                OutputTokens = output,
                ServerPromptTokens = EventsPerRow == 0 ? null : PromptTokens,
                ServerOutputTokens = EventsPerRow == 0 ? null : output,
                RequestedOutputTokens = output,
            };
        }
        return rows;
    }
}
