namespace BenchCluster.Measurement.Cost;

/// <summary>What looking for one kind of power counter found: a meter, or why there is none on this machine.</summary>
public sealed record PowerMeterProbe
{
    public IPowerMeter? Meter { get; init; }
    /// <summary>Why <see cref="Meter"/> is null (the path or library, the problem, what to do); null when found.</summary>
    public string? Unavailable { get; init; }

    public static PowerMeterProbe Found(IPowerMeter meter) => new() { Meter = meter };

    public static PowerMeterProbe Missing(string reason) => new() { Unavailable = reason };
}
