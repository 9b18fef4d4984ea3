namespace BenchCluster.Engine.Native;

/// <summary>
/// Collects llama.cpp's warnings and errors logged on the current thread while a scope is open, so a failed
/// native call (which returns only NULL or a code) can be reported with llama.cpp's own reason.
/// </summary>
internal sealed class LlamaLogCapture : IDisposable
{
    private const int MaxLines = 20;

    [ThreadStatic] private static LlamaLogCapture? _current;

    private readonly LlamaLogCapture? _outer;
    private readonly List<string> _lines = [];

    private LlamaLogCapture()
    {
        _outer = _current;
        _current = this;
    }

    public static LlamaLogCapture Begin() => new();

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The captured lines as one sentence-sized string, or a fallback when llama.cpp said nothing.</summary>
    public string Describe(string fallback) => _lines.Count == 0 ? fallback : string.Join("; ", _lines);

    public static void Record(string line)
    {
        var current = _current;
        if (current is not null && current._lines.Count < MaxLines)
            current._lines.Add(line);
    }

    public void Dispose() => _current = _outer;
}
