namespace BenchCluster.HostSteadiness;

/// <summary>How long to run and how to place the emulated repetitions (defaults: the quick start's).</summary>
internal sealed record SteadinessOptions(TimeSpan Duration, int Threads, TimeSpan Window, TimeSpan Spacing, int Repetitions, int Points, double MaxCv);
