using Microsoft.Extensions.Logging;

namespace BenchCluster.Engine.Native;

/// <summary>How the process loads llama.cpp (once per process).</summary>
public sealed record LlamaRuntimeOptions
{
    /// <summary>Folder holding the libraries; null = <see cref="LlamaLibraryFolder.Locate(bool)"/>.</summary>
    public string? LibraryDirectory { get; init; }

    /// <summary>Prefer runtimes/llama/cuda when it is installed (a model asked for GPU layers).</summary>
    public bool PreferGpu { get; init; }

    /// <summary>Receives llama.cpp's log under the category "llama.cpp"; null keeps the current logger (silent by default).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
