using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Suite;
using MathNet.Numerics.Distributions;

namespace BenchCluster.Measurement.Timing;

/// <summary>
/// Open-loop send times, as offsets in nanoseconds from the start of a stage. Inter-arrival gaps are exponential
/// (Poisson), gamma with shape = burstiness and mean 1/rate (vLLM), or constant. Like vLLM, the offsets are scaled
/// so the last one falls exactly at count / rate: the schedule's own rate is the requested rate, whatever the seed.
/// </summary>
public sealed class ArrivalSchedule
{

    private ArrivalSchedule(double rate, IReadOnlyList<double> gapsSeconds, IReadOnlyList<long> offsetsNs)
    {
        Rate = rate;
        GapsSeconds = gapsSeconds;
        OffsetsNs = offsetsNs;
    }

    /// <summary>Requests per second asked for.</summary>
    public double Rate { get; }

    /// <summary>The gaps as drawn, before scaling (what a distribution test should look at).</summary>
    public IReadOnlyList<double> GapsSeconds { get; }

    /// <summary>Send time of request i (0-based), from the stage's start; the last equals count / rate.</summary>
    public IReadOnlyList<long> OffsetsNs { get; }

    public int Count => OffsetsNs.Count;

    public static ArrivalSchedule Poisson(double rate, int count, int seed) => Create(ArrivalKind.Poisson, rate, 1, count, seed);

    public static ArrivalSchedule Gamma(double rate, double burstiness, int count, int seed) =>
        Create(ArrivalKind.Gamma, rate, burstiness, count, seed);

    public static ArrivalSchedule Constant(double rate, int count) => Create(ArrivalKind.Constant, rate, 1, count, 0);

    /// <summary>
    /// Given send times (a replayed trace), not sorted again: they must not decrease. The rate is count over the last
    /// offset, as for drawn schedules; 0 when every request is sent at once.
    /// </summary>
    public static ArrivalSchedule FromOffsets(IReadOnlyList<long> offsetsNs)
    {
        for (var i = 0; i < offsetsNs.Count; i++)
        {
            if (offsetsNs[i] < 0 || (i > 0 && offsetsNs[i] < offsetsNs[i - 1]))
                throw new ArgumentException($"Send offset {i} ({offsetsNs[i]} ns) is negative or before the one ahead of it; replayed offsets must not decrease.", nameof(offsetsNs));
        }
        var gaps = offsetsNs.Select((offset, i) => TimeUnits.ToSeconds(offset - (i == 0 ? 0 : offsetsNs[i - 1]))).ToArray();
        var span = offsetsNs.Count == 0 ? 0 : TimeUnits.ToSeconds(offsetsNs[^1]);
        return new ArrivalSchedule(span > 0 ? offsetsNs.Count / span : 0, gaps, [.. offsetsNs]);
    }

    /// <summary>
    /// One fleet driver's part: the arrivals i with i mod <paramref name="drivers"/> = <paramref name="index"/>, at their
    /// offsets in this schedule. Every driver draws the same schedule and sends its part, so together they send exactly
    /// this schedule; independent schedules at rate / drivers would add up to the rate but, for gamma arrivals, to a
    /// less bursty process than asked (the union of independent renewal processes tends to Poisson).
    /// </summary>
    public ArrivalSchedule Share(int index, int drivers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(drivers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, drivers);
        var offsets = OffsetsNs.Where((_, i) => i % drivers == index).ToArray();
        var gaps = offsets.Select((offset, k) => TimeUnits.ToSeconds(offset - (k == 0 ? 0 : offsets[k - 1]))).ToArray();
        return new ArrivalSchedule(Rate / drivers, gaps, offsets);
    }

    /// <summary>Draws <paramref name="count"/> arrivals. Gamma with burstiness 1 equals Poisson.</summary>
    public static ArrivalSchedule Create(ArrivalKind kind, double rate, double burstiness, int count, int seed)
    {
        if (!(rate > 0) || double.IsInfinity(rate))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The arrival rate must be a positive, finite number of requests per second.");
        if (!(burstiness > 0))
            throw new ArgumentOutOfRangeException(nameof(burstiness), burstiness, "Burstiness must be positive (1 = Poisson).");
        ArgumentOutOfRangeException.ThrowIfNegative(count);

        var random = new Random(seed);
        var gaps = new double[count];
        for (var i = 0; i < count; i++)
        {
            gaps[i] = kind switch
            {
                ArrivalKind.Constant => 1 / rate,
                ArrivalKind.Poisson => Exponential.Sample(random, rate),
                // Shape k = burstiness, scale θ = 1 / (rate · k): mean kθ = 1/rate, CV = 1/√k (vLLM's parameterization).
                ArrivalKind.Gamma => MathNet.Numerics.Distributions.Gamma.Sample(random, burstiness, rate * burstiness),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown arrival kind."),
            };
        }
        return new ArrivalSchedule(rate, gaps, Offsets(gaps, rate));
    }

    private static long[] Offsets(double[] gaps, double rate)
    {
        var offsets = new long[gaps.Length];
        var total = gaps.Sum();
        if (gaps.Length == 0 || !(total > 0))
            return offsets;
        var scale = gaps.Length / rate / total;
        var cumulative = 0.0;
        for (var i = 0; i < gaps.Length; i++)
        {
            cumulative += gaps[i];
            offsets[i] = (long)Math.Round(cumulative * scale * TimeUnits.NanosecondsPerSecond);
        }
        return offsets;
    }
}
