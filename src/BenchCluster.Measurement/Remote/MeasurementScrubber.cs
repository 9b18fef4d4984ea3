using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Remote;

/// <summary>
/// Passes every error text of a measurement through a scrubber before it is stored: the last guard that an
/// endpoint's key, echoed back by a hostile server in any message, never reaches Postgres.
/// </summary>
public static class MeasurementScrubber
{
    public static JobMeasurement Scrub(JobMeasurement measurement, Func<string, string> scrub)
    {
        var samples = measurement.Samples.Any(s => s.Error is not null)
            ? measurement.Samples.Select(s => s.Error is { } error ? s with { Error = scrub(error) } : s).ToList()
            : measurement.Samples;
        return measurement with
        {
            Samples = samples,
            Error = measurement.Error is { } error ? scrub(error) : null,
        };
    }
}
