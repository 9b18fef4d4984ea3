namespace BenchCluster.Measurement.Cost;

/// <summary>The average power of one window, or why the window has none (a failed reading is never 0 W).</summary>
public sealed record PowerReading
{
    public double? Watts { get; init; }
    /// <summary>
    /// Why <see cref="Watts"/> is null, naming the counter that failed; null when it was read, and when the node has no
    /// counter at all (the meter's notes say why).
    /// </summary>
    public string? Failure { get; init; }

    public static PowerReading Of(double watts) => new() { Watts = watts };

    public static PowerReading Failed(string reason) => new() { Failure = reason };
}
