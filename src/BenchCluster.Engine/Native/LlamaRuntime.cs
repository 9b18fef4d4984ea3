using System.Runtime.InteropServices;
using System.Text.Json;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Native;

/// <summary>
/// The process-wide llama.cpp runtime: loads the libraries from one folder, routes the log, registers the
/// backends of that folder (ggml_backend_load_all_from_path picks the best CPU variant for this CPU) and
/// reports what was loaded. Every entry point of the engine calls <see cref="EnsureInitialized"/> first.
/// </summary>
public static class LlamaRuntime
{
    private static readonly Lock Gate = new();
    private static EngineBuildInfo? _build;

    /// <summary>The folder the libraries came from, or null before initialization.</summary>
    public static string? LibraryDirectory => LlamaLibraryLoader.LoadedFolder;

    /// <summary>Initializes once (later calls only update the logger) and describes the loaded build.</summary>
    /// <exception cref="LlamaLibraryException">The libraries are missing, unloadable, or no backend fits this machine.</exception>
    public static EngineBuildInfo EnsureInitialized(LlamaRuntimeOptions? options = null)
    {
        options ??= new LlamaRuntimeOptions();
        if (options.LoggerFactory is not null)
            LlamaLogBridge.UseLogger(options.LoggerFactory.CreateLogger(LlamaLogBridge.CategoryName));

        lock (Gate)
        {
            if (_build is not null)
            {
                if (options.LibraryDirectory is not null)
                    LlamaLibraryLoader.Load(Path.GetFullPath(options.LibraryDirectory)); // refuses a different folder
                return _build;
            }

            var folder = options.LibraryDirectory is null
                ? LlamaLibraryFolder.Locate(options.PreferGpu)
                : Path.GetFullPath(options.LibraryDirectory);
            LlamaLibraryLoader.Load(folder);
            LlamaLogBridge.Install();

            GgmlNative.ggml_backend_load_all_from_path(folder);
            if (GgmlNative.ggml_backend_dev_count() == 0)
                throw new LlamaLibraryException(
                    $"No ggml backend in '{folder}' could be loaded on this machine (no libggml-cpu-*.so variant matches this CPU, " +
                    "or the files are damaged). Reinstall with 'infra/install-native.sh'.", folder);
            LlamaNative.llama_backend_init();

            _build = DescribeBuild(folder);
            return _build;
        }
    }

    private static EngineBuildInfo DescribeBuild(string folder)
    {
        var devices = new List<string>();
        var count = (int)GgmlNative.ggml_backend_dev_count();
        var cpuVariant = LoadedCpuVariant();
        for (var i = 0; i < count; i++)
        {
            var device = GgmlNative.ggml_backend_dev_get((nuint)i);
            var name = Marshal.PtrToStringUTF8(GgmlNative.ggml_backend_dev_name(device));
            var description = Marshal.PtrToStringUTF8(GgmlNative.ggml_backend_dev_description(device));
            var isCpu = GgmlNative.ggml_backend_dev_type(device) == GgmlBackendDeviceType.Cpu;
            devices.Add(isCpu && cpuVariant is not null ? $"{name}: {description} ({cpuVariant})" : $"{name}: {description}");
        }

        return new EngineBuildInfo
        {
            Engine = "llama.cpp",
            Version = DescribeVersion(folder),
            SystemInfo = (Marshal.PtrToStringUTF8(LlamaNative.llama_print_system_info()) ?? string.Empty).Trim(),
            Devices = devices,
            SupportsGpuOffload = LlamaNative.llama_supports_gpu_offload(),
        };
    }

    /// <summary>"v0.5.0 via node-llama-cpp 3.22.1 (…/runtimes/llama/cpu)": release and package from the files the installer leaves.</summary>
    private static string DescribeVersion(string folder)
    {
        var release = "unknown release";
        var metadataPath = Path.Combine(folder, "_nlcBuildMetadata.json");
        if (File.Exists(metadataPath))
        {
            try
            {
                using var metadata = JsonDocument.Parse(File.ReadAllText(metadataPath));
                if (metadata.RootElement.TryGetProperty("buildOptions", out var build)
                    && build.TryGetProperty("llamaCpp", out var llamaCpp)
                    && llamaCpp.TryGetProperty("release", out var value))
                    release = value.GetString() ?? release;
            }
            catch (JsonException)
            {
                // The version string is informative only.
            }
        }
        var marker = Directory.EnumerateFiles(folder, ".installed-*").Select(Path.GetFileName).FirstOrDefault();
        var package = marker is null ? "" : $" via node-llama-cpp {marker[".installed-".Length..]}";
        return $"{release}{package} ({folder})";
    }

    /// <summary>The CPU variant ggml chose (e.g. "ggml-cpu-zen4"), read from this process's memory map on Linux.</summary>
    private static string? LoadedCpuVariant()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
            return null;
        foreach (var line in File.ReadLines(maps))
        {
            var at = line.IndexOf("libggml-cpu-", StringComparison.Ordinal);
            if (at < 0)
                continue;
            var file = line[(at + "lib".Length)..];
            var dot = file.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? file : file[..dot];
        }
        return null;
    }
}
