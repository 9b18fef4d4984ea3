using BenchCluster.Gguf.Runtimes;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Where the llama.cpp libraries live: <see cref="EnvironmentVariable"/> when set, else the runtimes folder that
/// infra/install-native.sh fills (runtimes/llama/cuda when a GPU is wanted and installed, else runtimes/llama/cpu).
/// </summary>
public static class LlamaLibraryFolder
{
    public const string EnvironmentVariable = "BENCHCLUSTER_LLAMA_LIBS";
    public const string CpuRelativePath = "llama/cpu";
    public const string CudaRelativePath = "llama/cuda";

    /// <summary>The folder to load from; it may not exist (<see cref="FindLibraries"/> then says how to install).</summary>
    public static string Locate(bool preferGpu) => Locate(preferGpu, Environment.GetEnvironmentVariable);

    /// <summary><see cref="Locate(bool)"/> with the environment passed in (tests must not change the process's).</summary>
    internal static string Locate(bool preferGpu, Func<string, string?> environment)
    {
        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);

        if (preferGpu)
        {
            var cuda = RuntimesDirectory.Resolve(CudaRelativePath);
            if (Directory.Exists(cuda))
                return Path.GetFullPath(cuda);
        }
        return Path.GetFullPath(RuntimesDirectory.Resolve(CpuRelativePath));
    }

    /// <summary>Full paths of the libraries in <paramref name="folder"/>, keyed by logical name (<see cref="LlamaLibraryNames"/>).</summary>
    /// <exception cref="LlamaLibraryException">The folder or one of the libraries is missing.</exception>
    public static IReadOnlyDictionary<string, string> FindLibraries(string folder)
    {
        if (!Directory.Exists(folder))
            throw Missing(folder, "the folder does not exist");

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in LlamaLibraryNames.LoadOrder)
        {
            var path = FindLibrary(folder, name)
                ?? throw Missing(folder, $"it holds no {name} library (looked for lib{name}.so, lib{name}.v*.so, {name}.dll, lib{name}.dylib)");
            found[name] = path;
        }
        return found;
    }

    private static string? FindLibrary(string folder, string name)
    {
        string[] patterns = [$"lib{name}.so", $"lib{name}.v*.so", $"lib{name}.so.*", $"{name}.dll", $"lib{name}.dylib"];
        foreach (var pattern in patterns)
        {
            var match = Directory.EnumerateFiles(folder, pattern).Order(StringComparer.Ordinal).FirstOrDefault();
            if (match is not null)
                return match;
        }
        return null;
    }

    private static LlamaLibraryException Missing(string folder, string problem) => new(
        $"llama.cpp native libraries not found in '{folder}': {problem}. " +
        $"Install them with '{RuntimesDirectory.InstallCommand}' (CPU) or '{RuntimesDirectory.InstallCommand} --gpu' (CUDA, on a GPU node), " +
        $"or set {EnvironmentVariable} to a folder holding libllama, libggml and libggml-base.",
        folder);
}
