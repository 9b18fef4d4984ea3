using BenchCluster.Storage.Samples;

namespace BenchCluster.Storage.Tests.Samples;

/// <summary>Compares sample rows by value, arrays element by element (records compare arrays by reference).</summary>
internal sealed class SampleRowComparer : IEqualityComparer<SampleRow>
{
    public static readonly SampleRowComparer Instance = new();

    public bool Equals(SampleRow? x, SampleRow? y) =>
        x is not null && y is not null
        && x.EventNs.SequenceEqual(y.EventNs)
        && x.EventTokenCounts.SequenceEqual(y.EventTokenCounts)
        && x with { EventNs = [], EventTokenCounts = [] } == y with { EventNs = [], EventTokenCounts = [] };

    public int GetHashCode(SampleRow obj) => obj.Seq;
}
