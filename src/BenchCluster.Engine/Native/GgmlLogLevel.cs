namespace BenchCluster.Engine.Native;

/// <summary>enum ggml_log_level.</summary>
internal enum GgmlLogLevel
{
    None = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,
    /// <summary>Continues the previous message (same level).</summary>
    Cont = 5,
}
