using System.Text.Json.Serialization;

namespace BenchCluster.Reporting.Comparing;

/// <summary>What the repetitions say about a point's headline throughput, NEW against BASE.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ComparisonVerdict>))]
public enum ComparisonVerdict
{
    /// <summary>NEW is faster and the test says the difference is real.</summary>
    Faster,
    /// <summary>NEW is slower and the test says the difference is real.</summary>
    Slower,
    /// <summary>The test finds no real difference at the chosen significance level.</summary>
    Same,
    /// <summary>Significance cannot be judged: repetitions not stored, fewer than two on a side, or no headline.</summary>
    Unknown,
}
