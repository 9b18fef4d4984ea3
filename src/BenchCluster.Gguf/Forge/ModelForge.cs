using System.Diagnostics;
using System.Globalization;
using BenchCluster.Gguf.Forge.Blocks;
using BenchCluster.Gguf.Writing;

namespace BenchCluster.Gguf.Forge;

/// <summary>
/// Writes a synthetic GGUF model: the exact tensor shapes and type mix of a real model, random weights with finite
/// scales, a real tokenizer, and metadata marking it synthetic. Streams tensor by tensor in fixed-size chunks (memory
/// stays at a few chunks plus the tokenizer whatever the model size), generates the next chunk while the previous one
/// is hashed and written, writes to a temporary name and renames when complete, and leaves a SHA-256 sidecar.
/// </summary>
public static class ModelForge
{
    /// <summary>Bump when the bytes a given spec produces change (written to the file, and part of cached test model names).</summary>
    public const int ForgeVersion = 1;

    /// <summary>Bytes generated and written per step; two such buffers are alive at a time.</summary>
    public const int ChunkBytes = 4 * 1024 * 1024;

    public static async Task<ForgeResult> ForgeAsync(ForgeSpec spec, string outputPath, IProgress<ForgeProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        spec.Validate();
        var fullPath = Path.GetFullPath(outputPath);
        if (Directory.Exists(fullPath))
            throw new ArgumentException($"Output path '{outputPath}' is a directory: give a file name, e.g. '{Path.Combine(outputPath, DefaultFileName(spec))}'.", nameof(outputPath));

        var stopwatch = Stopwatch.StartNew();
        var plan = ForgeTensorPlanner.Plan(spec);
        var metadata = ForgeMetadata.Build(spec, ForgeVocabulary.Load(spec));
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = $"{fullPath}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        try
        {
            long totalBytes;
            string sha256;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                using var hashing = new HashingWriteStream(file);
                var writer = new GgufWriter(hashing, metadata, plan.Select(t => t.Tensor).ToList());
                totalBytes = writer.TotalBytes;
                await writer.WriteHeaderAsync(cancellationToken);
                await WriteTensorsAsync(writer, plan, spec.Seed, progress, cancellationToken);
                writer.Complete();
                await file.FlushAsync(cancellationToken);
                sha256 = hashing.HashHex();
            }
            File.Delete(ModelDigestSidecar.PathFor(fullPath));
            File.Move(temporary, fullPath, overwrite: true);
            ModelDigestSidecar.Write(fullPath, sha256, totalBytes);
            return new ForgeResult(fullPath, totalBytes, sha256, stopwatch.Elapsed, spec);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>A file name that says what the file is: "synthetic-qwen2.5-0.5b-q4_k_m-s0.gguf".</summary>
    public static string DefaultFileName(ForgeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return $"synthetic-{spec.Preset}-{ForgeWeightTypes.Name(spec.WeightType)}-s{spec.Seed.ToString(CultureInfo.InvariantCulture)}.gguf";
    }

    private static async Task WriteTensorsAsync(GgufWriter writer, IReadOnlyList<ForgeTensor> plan, ulong seed,
        IProgress<ForgeProgress>? progress, CancellationToken cancellationToken)
    {
        byte[][] buffers = [new byte[ChunkBytes], new byte[ChunkBytes]];
        var next = 0;
        var pending = Task.CompletedTask;
        var written = writer.DataOffset;
        var queued = 0L;
        for (var index = 0; index < plan.Count; index++)
        {
            var tensor = plan[index].Tensor;
            var filler = new TensorFiller(plan[index], seed, index);
            var step = ChunkBytes / filler.Info.BlockBytes * filler.Info.BlockBytes;
            for (var remaining = tensor.ByteSize; remaining > 0;)
            {
                var length = (int)Math.Min(step, remaining);
                var buffer = buffers[next];
                filler.Fill(buffer.AsSpan(0, length));
                // The other buffer may still be in flight: wait for it before queuing this one.
                await pending;
                written += queued;
                progress?.Report(new ForgeProgress(written, writer.TotalBytes, index, plan.Count, tensor.Name));
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = buffer.AsMemory(0, length);
                pending = Task.Run(() => writer.WriteTensorDataAsync(chunk, cancellationToken).AsTask(), cancellationToken);
                queued = length;
                next ^= 1;
                remaining -= length;
            }
        }
        await pending;
        progress?.Report(new ForgeProgress(writer.TotalBytes, writer.TotalBytes, plan.Count, plan.Count, ""));
    }
}
