namespace BenchCluster.EngineProcess.Parent;

/// <summary>How to start an engine child: the command that runs `benchcluster engine-host`, and time limits.</summary>
public sealed record EngineLaunchOptions
{
    /// <summary>Executable to start (the benchcluster apphost, or "dotnet").</summary>
    public required string FileName { get; init; }
    /// <summary>Arguments before "engine-host" (e.g. the path of benchcluster.dll when FileName is dotnet).</summary>
    public IReadOnlyList<string> LeadingArguments { get; init; } = [];
    /// <summary>Extra environment for the child (e.g. BENCHCLUSTER_LLAMA_LIBS).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>How long the child may take to connect back.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How many lines of the child's stderr are kept to explain a crash.</summary>
    public int StderrTailLines { get; init; } = 30;

    /// <summary>Starts children with the same program this process runs (the benchcluster CLI).</summary>
    public static EngineLaunchOptions FromCurrentProcess()
    {
        var processPath = System.Environment.ProcessPath
            ?? throw new InvalidOperationException("cannot tell which program this process runs, so it cannot start an engine child");
        var isDotnetHost = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var entryAssembly = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return isDotnetHost && !string.IsNullOrEmpty(entryAssembly)
            ? new EngineLaunchOptions { FileName = processPath, LeadingArguments = [entryAssembly] }
            : new EngineLaunchOptions { FileName = processPath };
    }
}
