using BenchCluster.Engine.Native;
using BenchCluster.Testing;

namespace BenchCluster.Engine.Tests.Native;

public sealed class LlamaLibraryFolderTests
{
    [Fact]
    public void Missing_folder_error_names_the_folder_and_the_install_command()
    {
        var folder = Path.Combine(RepositoryPaths.Scratch(nameof(LlamaLibraryFolderTests)), "does-not-exist");

        var error = Assert.Throws<LlamaLibraryException>(() => LlamaLibraryFolder.FindLibraries(folder));

        Assert.Equal(folder, error.Folder);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("infra/install-native.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains(LlamaLibraryFolder.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folder_without_libllama_is_rejected_with_the_missing_library_named()
    {
        var folder = RepositoryPaths.Scratch(nameof(Folder_without_libllama_is_rejected_with_the_missing_library_named));
        File.WriteAllBytes(Path.Combine(folder, "libggml-base.so"), []);
        File.WriteAllBytes(Path.Combine(folder, "libggml.v0.5.0.so"), []);

        var error = Assert.Throws<LlamaLibraryException>(() => LlamaLibraryFolder.FindLibraries(folder));

        Assert.Contains("no llama library", error.Message, StringComparison.Ordinal);
        Assert.Contains("infra/install-native.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_the_versioned_file_names_of_the_npm_package_without_confusing_look_alikes()
    {
        var folder = RepositoryPaths.Scratch(nameof(Finds_the_versioned_file_names_of_the_npm_package_without_confusing_look_alikes));
        foreach (var file in new[] { "libllama-common.so", "libllama.v0.5.0.so", "libggml-base.so", "libggml-cpu-zen4.so", "libggml.v0.5.0.so" })
            File.WriteAllBytes(Path.Combine(folder, file), []);

        var libraries = LlamaLibraryFolder.FindLibraries(folder);

        Assert.Equal(Path.Combine(folder, "libllama.v0.5.0.so"), libraries["llama"]);
        Assert.Equal(Path.Combine(folder, "libggml.v0.5.0.so"), libraries["ggml"]);
        Assert.Equal(Path.Combine(folder, "libggml-base.so"), libraries["ggml-base"]);
    }

    [Fact]
    public void Environment_override_wins_over_the_runtimes_folder()
    {
        var chosen = LlamaLibraryFolder.Locate(preferGpu: false,
            name => name == LlamaLibraryFolder.EnvironmentVariable ? "/opt/llama-libs" : null);

        Assert.Equal("/opt/llama-libs", chosen);
    }

    [Fact]
    public void Without_override_the_cpu_folder_of_the_runtimes_directory_is_used()
    {
        var chosen = LlamaLibraryFolder.Locate(preferGpu: false, _ => null);

        Assert.EndsWith(Path.Combine("runtimes", "llama", "cpu"), chosen, StringComparison.Ordinal);
    }

    [Fact]
    public void Gpu_preference_falls_back_to_cpu_when_no_cuda_build_is_installed()
    {
        var cuda = Path.Combine(RepositoryPaths.Root, "runtimes", "llama", "cuda");
        Assert.False(Directory.Exists(cuda), "this test expects a CPU-only machine");

        var chosen = LlamaLibraryFolder.Locate(preferGpu: true, _ => null);

        Assert.EndsWith(Path.Combine("runtimes", "llama", "cpu"), chosen, StringComparison.Ordinal);
    }
}
