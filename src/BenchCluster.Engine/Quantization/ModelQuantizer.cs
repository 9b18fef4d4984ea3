using System.Diagnostics;
using System.Text.RegularExpressions;
using BenchCluster.Engine.Native;
using BenchCluster.Gguf;
using BenchCluster.Gguf.Siblings;

namespace BenchCluster.Engine.Quantization;

/// <summary>
/// Quantizes an F32/F16/BF16 GGUF into a sibling through llama.cpp's own <c>llama_model_quantize</c> (the same code
/// as llama-quantize, so the per-tensor type mix is llama.cpp's). The sibling carries every key of its parent (the
/// synthetic marker too) plus <see cref="SiblingMarker"/>'s parent SHA-256 and type. It is written to a temporary
/// file beside the target and renamed, so a crash or a full disk never leaves a half file under the final name.
/// </summary>
public static partial class ModelQuantizer
{
    public static Task<QuantizationResult> QuantizeAsync(
        string sourcePath, string outputPath, QuantizationType type,
        IProgress<QuantizationProgress>? progress = null, int threads = 0, CancellationToken cancellationToken = default) =>
        Task.Run(() => QuantizeCore(Path.GetFullPath(sourcePath), Path.GetFullPath(outputPath), type, progress, threads, cancellationToken), cancellationToken);

    private static async Task<QuantizationResult> QuantizeCore(
        string source, string output, QuantizationType type, IProgress<QuantizationProgress>? progress, int threads, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var parent = QuantizationSource.Check(source);
        if (string.Equals(source, output, StringComparison.Ordinal))
            throw new QuantizationException($"The output '{output}' is the source model itself: pass another --out path.");
        var folder = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(folder);
        EnsureSpace(folder, parent, type);

        var parentSha = await ModelFileDigest.GetSha256Async(source, cancellationToken);
        var origin = new SiblingOrigin(parentSha, type.Name);
        var temporary = $"{output}.partial-{Environment.ProcessId}";
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            LlamaRuntime.EnsureInitialized();
            RunNative(source, temporary, type, Overrides(parent, origin), progress, threads);
            // llama_model_quantize cannot be interrupted: a cancel during it takes effect here, before the rename.
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, output, overwrite: true);
        }
        catch (IOException e)
        {
            throw new QuantizationException($"Writing the quantized model '{output}' failed ({e.Message}): free space in '{folder}' or choose another --out.", e);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }

        var sha = await ModelFileDigest.GetSha256Async(output, cancellationToken);
        return new QuantizationResult(output, new FileInfo(output).Length, sha, origin, stopwatch.Elapsed);
    }

    internal static unsafe void RunNative(
        string source, string temporary, QuantizationType type, LlamaModelKvOverride[] overrides,
        IProgress<QuantizationProgress>? progress, int threads)
    {
        var parameters = LlamaNative.llama_model_quantize_default_params();
        parameters.nthread = threads > 0 ? threads : Environment.ProcessorCount;
        parameters.ftype = type.FileType;
        uint status;
        using var capture = LlamaLogCapture.Begin();
        using (LlamaLogTap.Begin(line => Report(line, progress)))
        fixed (LlamaModelKvOverride* entries = overrides)
        {
            parameters.kv_overrides = (nint)entries;
            status = LlamaNative.llama_model_quantize(source, temporary, &parameters);
        }
        if (status != 0)
            throw new QuantizationException(
                $"llama.cpp could not quantize '{source}' to {type.Name}: {capture.Describe("no reason given")}. " +
                "Check that the file loads ('benchcluster models') and that the type suits its tensor shapes.");
    }

    private static LlamaModelKvOverride[] Overrides(GgufFile parent, SiblingOrigin origin)
    {
        var entries = new List<LlamaModelKvOverride>
        {
            LlamaModelKvOverride.String(SiblingMarker.ParentSha256Key, origin.ParentSha256),
            LlamaModelKvOverride.String(SiblingMarker.QuantizedTypeKey, origin.Type),
        };
        // A forged parent says which weight type it was forged as; its sibling must not repeat the parent's type.
        if (parent.Find(SyntheticMarker.WeightTypeKey) is not null)
            entries.Add(LlamaModelKvOverride.String(SyntheticMarker.WeightTypeKey, origin.Type));
        entries.Add(default); // the empty key ends llama.cpp's list
        return entries.ToArray();
    }

    private static void EnsureSpace(string folder, GgufFile parent, QuantizationType type)
    {
        // An upper bound: no target is larger per weight than its source, except F32 from a 16-bit source.
        var needed = parent.FileSize * (type.Name == "f32" ? 2 : 1);
        var free = new DriveInfo(folder).AvailableFreeSpace;
        if (free < needed)
            throw new QuantizationException(
                $"'{folder}' has {free / 1e6:0.0} MB free but quantizing '{parent.Path}' to {type.Name} may need up to {needed / 1e6:0.0} MB: free space or choose another --out.");
    }

    private static void Report(string line, IProgress<QuantizationProgress>? progress)
    {
        if (progress is null)
            return;
        var match = TensorLine().Match(line);
        if (match.Success && int.TryParse(match.Groups[1].ValueSpan, out var done) && int.TryParse(match.Groups[2].ValueSpan, out var total))
            progress.Report(new QuantizationProgress(done, total));
    }

    [GeneratedRegex(@"^\[\s*(\d{1,9})/\s*(\d{1,9})\]")]
    private static partial Regex TensorLine();
}
