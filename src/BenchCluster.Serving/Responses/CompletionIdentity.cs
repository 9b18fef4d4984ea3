namespace BenchCluster.Serving.Responses;

/// <summary>The fields every chunk of one response repeats: id, object type, creation time, model.</summary>
internal sealed record CompletionIdentity(string Id, bool IsChat, long CreatedUnixSeconds, string Model)
{
    private static long _counter;
    private static readonly string ProcessTag = Guid.NewGuid().ToString("N")[..8];

    public static CompletionIdentity Create(bool chat, string model) => new(
        $"{(chat ? "chatcmpl" : "cmpl")}-{ProcessTag}{Interlocked.Increment(ref _counter):x}",
        chat,
        DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        model);

    public string ChunkObject => IsChat ? "chat.completion.chunk" : "text_completion";
    public string CompleteObject => IsChat ? "chat.completion" : "text_completion";
}
