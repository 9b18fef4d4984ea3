using MathNet.Numerics.Distributions;

namespace BenchCluster.Measurement.Suite;

/// <summary>A token-length distribution: fixed, uniform on [min, max], or normal(mean, stddev) clipped to [min, max].</summary>
public sealed record LengthDistribution
{
    public required DistributionKind Kind { get; init; }
    /// <summary>The length of a fixed distribution; the mean of a normal one.</summary>
    public double Mean { get; init; }
    public double StdDev { get; init; }
    public int Min { get; init; } = 1;
    public int Max { get; init; } = int.MaxValue;

    public static LengthDistribution Fixed(int tokens) => new() { Kind = DistributionKind.Fixed, Mean = tokens, Min = tokens, Max = tokens };

    /// <summary>One length drawn with <paramref name="random"/>.</summary>
    public int Sample(Random random)
    {
        var value = Kind switch
        {
            DistributionKind.Fixed => Mean,
            DistributionKind.Uniform => Min + (random.NextDouble() * ((double)Max - Min + 1)),
            DistributionKind.Normal => Normal.Sample(random, Mean, StdDev),
            _ => throw new InvalidOperationException($"Unknown distribution {Kind}."),
        };
        var floored = Kind == DistributionKind.Uniform ? Math.Floor(value) : Math.Round(value);
        return (int)Math.Clamp(floored, Min, Max);
    }
}
