namespace BenchCluster.Remote;

/// <summary>A response went past one of the limits in <see cref="OpenAiCompatibleOptions"/>; reading stopped there.</summary>
/// <param name="Option">The limit's name in messages (max_event_bytes, max_events_per_request, max_body_bytes).</param>
/// <param name="Limit">Its value.</param>
/// <param name="What">What went past it, e.g. "an event of more than 4194304 bytes".</param>
internal sealed class StreamLimitException(string option, long limit, string what)
    : Exception($"{what} ({option} = {limit})")
{
    public string Option { get; } = option;
    public long Limit { get; } = limit;
    public string What { get; } = what;
}
