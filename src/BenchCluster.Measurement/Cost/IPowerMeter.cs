namespace BenchCluster.Measurement.Cost;

/// <summary>Reads average power over a window where the machine exposes it.</summary>
public interface IPowerMeter
{
    /// <summary>e.g. "rapl:intel-rapl:0" or "nvidia-smi".</summary>
    string Source { get; }

    /// <summary>Starts a window; dispose the window (or call Stop) at its end.</summary>
    IPowerWindow Start();
}

/// <summary>An open measurement window.</summary>
public interface IPowerWindow : IDisposable
{
    /// <summary>Average watts since Start; null when the reading failed.</summary>
    double? Stop();
}
