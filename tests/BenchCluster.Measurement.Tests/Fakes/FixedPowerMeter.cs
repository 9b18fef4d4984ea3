using BenchCluster.Measurement.Cost;

namespace BenchCluster.Measurement.Tests.Fakes;

/// <summary>A power meter that always reads the same watts (or fails with <paramref name="failure"/>) and counts its windows.</summary>
public sealed class FixedPowerMeter(double? watts, IReadOnlyList<string>? notes = null, string? failure = null) : IPowerMeter
{
    public int Windows { get; private set; }

    public string Source => "fixed";

    public IReadOnlyList<string> Notes => notes ?? [];

    public IPowerWindow Start()
    {
        Windows++;
        return new Window(watts, failure);
    }

    private sealed class Window(double? watts, string? failure) : IPowerWindow
    {
        public PowerReading Stop() => watts is { } w ? PowerReading.Of(w) : PowerReading.Failed(failure ?? "fixed: no reading");

        public void Dispose()
        {
        }
    }
}
