using BenchCluster.Engine.Native;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Native;

public sealed class LlamaRuntimeTests
{
    [Fact]
    public void Loads_the_installed_libraries_and_registers_a_cpu_device()
    {
        var build = LlamaRuntime.EnsureInitialized();

        Assert.Equal("llama.cpp", build.Engine);
        Assert.Contains(build.Devices, d => d.StartsWith("CPU", StringComparison.Ordinal));
        Assert.Contains("v0.5.0", build.Version, StringComparison.Ordinal);
        Assert.Contains("CPU :", build.SystemInfo, StringComparison.Ordinal);
        Assert.False(build.SupportsGpuOffload);
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "runtimes", "llama", "cpu"), LlamaRuntime.LibraryDirectory);
    }

    [Fact]
    public void Names_the_cpu_variant_ggml_selected()
    {
        var build = LlamaRuntime.EnsureInitialized();

        Assert.Contains(build.Devices, d => d.Contains("(ggml-cpu-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_library_folder_in_the_same_process_is_refused_with_a_reason()
    {
        LlamaRuntime.EnsureInitialized();
        var other = RepositoryPaths.Scratch(nameof(A_second_library_folder_in_the_same_process_is_refused_with_a_reason));

        var error = Assert.Throws<LlamaLibraryException>(
            () => LlamaRuntime.EnsureInitialized(new LlamaRuntimeOptions { LibraryDirectory = other }));

        Assert.Contains("one folder only", error.Message, StringComparison.Ordinal);
        Assert.Contains(other, error.Message, StringComparison.Ordinal);
    }
}
