namespace BenchCluster.Engine.Native;

/// <summary>
/// Hands every complete llama.cpp log line written on the current thread to a listener while a scope is open: the
/// only progress <c>llama_model_quantize</c> gives is its per-tensor "[  3/ 30] name ..." line.
/// </summary>
internal sealed class LlamaLogTap : IDisposable
{
    [ThreadStatic] private static LlamaLogTap? _current;

    private readonly LlamaLogTap? _outer;
    private readonly Action<string> _listener;

    private LlamaLogTap(Action<string> listener)
    {
        _listener = listener;
        _outer = _current;
        _current = this;
    }

    public static LlamaLogTap Begin(Action<string> listener) => new(listener);

    public static void Offer(string line) => _current?._listener(line);

    public void Dispose() => _current = _outer;
}
