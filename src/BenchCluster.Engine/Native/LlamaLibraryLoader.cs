using System.Reflection;
using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Loads libggml-base, libggml and libllama from one folder by full path and answers the runtime's
/// [LibraryImport] lookups for their logical names, so no system-wide copy can be picked up by accident.
/// </summary>
internal static class LlamaLibraryLoader
{
    private static readonly Lock Gate = new();
    private static Dictionary<string, nint>? _handles;
    private static bool _resolverRegistered;

    public static string? LoadedFolder { get; private set; }

    /// <summary>Loads the libraries of <paramref name="folder"/> once per process; a second, different folder is refused.</summary>
    public static void Load(string folder)
    {
        lock (Gate)
        {
            if (_handles is not null)
            {
                if (!string.Equals(LoadedFolder, folder, StringComparison.Ordinal))
                    throw new LlamaLibraryException(
                        $"llama.cpp libraries are already loaded from '{LoadedFolder}'; a process can use one folder only, so '{folder}' was not loaded. " +
                        "Start a separate process (engine child process) for the other build.", folder);
                return;
            }

            var libraries = LlamaLibraryFolder.FindLibraries(folder);
            var handles = new Dictionary<string, nint>(StringComparer.Ordinal);
            foreach (var name in LlamaLibraryNames.LoadOrder)
            {
                try
                {
                    handles[name] = NativeLibrary.Load(libraries[name]);
                }
                catch (DllNotFoundException e)
                {
                    throw new LlamaLibraryException(
                        $"'{libraries[name]}' exists but could not be loaded ({e.Message}). Reinstall with 'infra/install-native.sh', " +
                        "or check that this machine's architecture and C++ runtime (libstdc++) match the build.", folder, e);
                }
            }

            _handles = handles;
            LoadedFolder = folder;
        }
    }

    /// <summary>
    /// Routes this assembly's [LibraryImport]s to <see cref="Load"/>'s handles. Called from the static constructors of
    /// the import classes, so it is in place before the first native call whatever the caller did first.
    /// </summary>
    public static void RegisterResolver()
    {
        lock (Gate)
        {
            if (_resolverRegistered)
                return;
            NativeLibrary.SetDllImportResolver(typeof(LlamaLibraryLoader).Assembly, Resolve);
            _resolverRegistered = true;
        }
    }

    /// <summary>
    /// The address of an exported function, for the few llama.cpp APIs that take a C function pointer of its own
    /// (llama_opt_param_filter_all, ggml_opt_get_constant_optimizer_params).
    /// </summary>
    public static nint Export(string libraryName, string symbol)
    {
        if (_handles is null)
            LlamaRuntime.EnsureInitialized();
        return NativeLibrary.GetExport(_handles![libraryName], symbol);
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (Array.IndexOf(LlamaLibraryNames.LoadOrder, libraryName) < 0)
            return 0;
        // A native call before EnsureInitialized: initialize with the defaults rather than let the OS search.
        if (_handles is null)
            LlamaRuntime.EnsureInitialized();
        return _handles![libraryName];
    }
}
