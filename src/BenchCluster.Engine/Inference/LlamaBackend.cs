using BenchCluster.Gguf;
using BenchCluster.Engine.Native;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Engine.Inference;

/// <summary>
/// A model loaded in this process through our llama.cpp binding. Load with <see cref="LoadAsync"/>, then open
/// sessions (llama.cpp contexts) with <see cref="CreateSessionAsync"/>. Disposing the backend while sessions are
/// open is safe: the weights are freed after the last session.
/// </summary>
public sealed class LlamaBackend : IInferenceBackend
{
    private readonly SafeLlamaModelHandle _model;

    private LlamaBackend(SafeLlamaModelHandle model, ModelInfo info, EngineBuildInfo build)
    {
        _model = model;
        Model = info;
        Build = build;
    }

    public ModelInfo Model { get; }

    public EngineBuildInfo Build { get; }

    /// <summary>
    /// Checks and loads a GGUF model (on a background thread) and hashes the file (cached). Throws
    /// <see cref="InferenceException"/> for a bad path, file or option and <see cref="LlamaLibraryException"/>
    /// when the native libraries are missing; the process keeps running either way.
    /// </summary>
    public static Task<LlamaBackend> LoadAsync(
        string modelPath, ModelLoadOptions? options = null, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ModelLoadOptions();
        return Task.Factory.StartNew(
            () => Load(modelPath, options, loggerFactory, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private static async Task<LlamaBackend> Load(
        string modelPath, ModelLoadOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        if (options.GpuLayers < -1)
            throw new InferenceException(
                $"ModelLoadOptions.GpuLayers is {options.GpuLayers}: use 0 (CPU only), a positive layer count, or -1 (all layers).",
                InferenceErrorKind.InvalidArgument);

        var file = ModelFilePreflight.Check(modelPath);
        var build = LlamaRuntime.EnsureInitialized(new LlamaRuntimeOptions
        {
            PreferGpu = options.GpuLayers != 0,
            LoggerFactory = loggerFactory,
        });
        if (options.GpuLayers != 0 && !build.SupportsGpuOffload)
            throw new InferenceException(
                $"ModelLoadOptions.GpuLayers is {options.GpuLayers} but this node's llama.cpp build ({LlamaRuntime.LibraryDirectory}) is CPU-only: " +
                "install the CUDA libraries with 'infra/install-native.sh --gpu' on a GPU node, or set gpu_layers: 0.",
                InferenceErrorKind.Unsupported);

        var hashing = ModelFileDigest.GetSha256Async(file.FullName, cancellationToken);
        SafeLlamaModelHandle model;
        try
        {
            model = LoadNative(file.FullName, options);
        }
        catch
        {
            // The load failure is the error to report; the hash is no longer wanted, but its failure must be observed.
            _ = hashing.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }

        try
        {
            var info = LlamaModelMetadata.Describe(model, file.FullName, file.Length, await hashing.ConfigureAwait(false));
            return new LlamaBackend(model, info, build);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static SafeLlamaModelHandle LoadNative(string path, ModelLoadOptions options)
    {
        var parameters = LlamaNative.llama_model_default_params();
        parameters.n_gpu_layers = options.GpuLayers;
        parameters.load_mode = options.UseMmap ? LlamaLoadMode.Auto : LlamaLoadMode.None;

        using var capture = LlamaLogCapture.Begin();
        var model = LlamaNative.llama_model_load_from_file(path, parameters);
        if (!model.IsInvalid)
            return model;

        model.Dispose();
        var reason = capture.Describe("llama.cpp gave no reason");
        var unknownArchitecture = reason.Contains("unknown model architecture", StringComparison.OrdinalIgnoreCase);
        throw unknownArchitecture
            ? new InferenceException(
                $"Model file '{path}' uses an architecture this llama.cpp build does not know ({reason}). " +
                "Use a model of a supported architecture (llama, qwen2, …) or install a llama.cpp build that supports it.",
                InferenceErrorKind.Unsupported)
            : new InferenceException(
                $"llama.cpp could not load model file '{path}': {reason}. Check that the file is a complete GGUF model " +
                "(re-download or re-forge it).",
                InferenceErrorKind.InvalidModelFile);
    }

    /// <summary>A GGUF metadata value of the loaded model as text (e.g. tokenizer.chat_template); null when the key is absent.</summary>
    public string? ReadMetadata(string key) => LlamaModelMetadata.Read(_model, key);

    /// <summary>Opens a llama.cpp context on its own decode thread. Throws <see cref="InferenceException"/> for invalid options.</summary>
    public async Task<IInferenceSession> CreateSessionAsync(SessionOptions options, CancellationToken cancellationToken = default) =>
        await LlamaSession.CreateAsync(_model, Model, options, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync()
    {
        _model.Dispose();
        return ValueTask.CompletedTask;
    }
}
