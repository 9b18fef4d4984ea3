using BenchCluster.Gguf;
using BenchCluster.Gguf.Format;
using BenchCluster.Gguf.Siblings;

namespace BenchCluster.Engine.Quantization;

/// <summary>
/// Checks, before any native code runs, that a file can be the parent of a sibling: a readable GGUF whose weights are
/// all F32/F16/BF16. Quantizing a quantized file would compound two errors and no longer measure one quantization.
/// </summary>
internal static class QuantizationSource
{
    public static GgufFile Check(string path)
    {
        if (!File.Exists(path))
            throw new QuantizationException($"The source model '{path}' does not exist: pass the path of an F32/F16/BF16 GGUF file to --from.");
        GgufFile file;
        try
        {
            file = GgufReader.Read(path);
        }
        catch (Exception e) when (e is GgufFormatException or IOException or UnauthorizedAccessException)
        {
            throw new QuantizationException($"The source model '{path}' cannot be read as GGUF ({e.Message}): pass an F32/F16/BF16 GGUF file.", e);
        }

        var quantized = file.Tensors.FirstOrDefault(tensor => tensor.Type is not (GgmlType.F32 or GgmlType.F16 or GgmlType.BF16));
        if (quantized is not null || (file.FileType is not null && !QuantizationTypes.IsFloatFileType(file.FileType)))
        {
            var what = quantized is null ? $"its file type is {file.FileTypeName ?? file.FileType.ToString()}" : $"tensor '{quantized.Name}' is {quantized.TypeName}";
            throw new QuantizationException(
                $"The source model '{path}' is already quantized ({what}): quantize from an F32, F16 or BF16 file, " +
                "e.g. 'benchcluster forge --type f16' for a synthetic one.");
        }
        return file;
    }
}
