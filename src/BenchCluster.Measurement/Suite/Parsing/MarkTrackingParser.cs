using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// Passes YAML events through and remembers where the last one ended, so a failure the parser reports without a
/// position (YamlDotNet throws InvalidOperationException on some unterminated flow collections) still gets one.
/// </summary>
internal sealed class MarkTrackingParser(IParser inner) : IParser
{
    public Mark LastMark { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is { } current)
            LastMark = current.End;
        return moved;
    }
}
