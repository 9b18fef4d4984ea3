namespace BenchCluster.Measurement.Cost;

/// <summary>Reads average power over a window where the machine exposes it.</summary>
public interface IPowerMeter
{
    /// <summary>e.g. "rapl:package-0", "nvml" or "nvidia-smi"; "none" for a meter that cannot read anything.</summary>
    string Source { get; }

    /// <summary>Why parts of the machine's power are not read (e.g. "nvml: libnvidia-ml.so.1 not found …"); recorded with every result.</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>Starts a window; dispose the window (or call Stop) at its end.</summary>
    IPowerWindow Start();
}

/// <summary>An open measurement window.</summary>
public interface IPowerWindow : IDisposable
{
    /// <summary>Average power since Start, or why there is none.</summary>
    PowerReading Stop();
}
