using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Fleet;

/// <summary>A fleet driver's measurement says which node sent each request and when the driver started.</summary>
public static class FleetDriverRecord
{
    public static JobMeasurement Stamp(JobMeasurement measurement, JobSpec job, string? nodeName, FleetDriverStart? start)
    {
        if (job.Fleet is not { } share)
            return measurement;
        var driver = start?.Driver ?? nodeName ?? $"driver-{share.Index}";
        return measurement with
        {
            Samples = measurement.Samples.Select(s => s with { Driver = driver }).ToList(),
            Fleet = start,
            Error = measurement.Error ?? (start is null ? $"fleet driver {share.Index} ({driver}) never reached the common start" : null),
        };
    }
}
