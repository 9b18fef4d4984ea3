using YamlDotNet.Core;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Thrown by <see cref="BoundedYamlParser"/> when the text breaks a limit; stops the parse where it is.</summary>
internal sealed class SuiteLimitException(Mark at, string message) : Exception(message)
{
    public Mark At { get; } = at;
}
