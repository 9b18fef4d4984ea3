using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// Passes YAML events through while enforcing the suite's limits: nesting deeper than
/// <see cref="SuiteLimits.MaxNestingDepth"/> and aliases are refused as their event arrives, so the recursive tree
/// builder behind it never goes deeper than the limit (200,000 nested [ once overflowed the stack) and an alias
/// cannot make a small text expand into a huge tree. YamlDotNet's event parser itself keeps its state on the heap.
/// Also remembers where the last event ended, for failures the parser reports without a position.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    private int _depth;

    public Mark LastMark { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var moved = inner.MoveNext();
        if (inner.Current is not { } current)
            return moved;
        LastMark = current.End;
        switch (current)
        {
            case AnchorAlias alias:
                throw new SuiteLimitException(current.Start,
                    $"aliases (*{alias.Value}) are not allowed in a suite, so a small file cannot expand into a huge one; write the value out");
            case SequenceStart or MappingStart when ++_depth > SuiteLimits.MaxNestingDepth:
                throw new SuiteLimitException(current.Start,
                    $"lists and mappings are nested more than {SuiteLimits.MaxNestingDepth} deep (the suite format needs 6); check for unbalanced [ or {{");
            case SequenceEnd or MappingEnd:
                _depth--;
                break;
        }
        return moved;
    }
}
