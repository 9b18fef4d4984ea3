using BenchCluster.Gguf;

namespace BenchCluster.Engine.Inference;

/// <summary>
/// Checks a model path before llama.cpp sees it: llama.cpp's loader aborts the whole process on some malformed files,
/// so everything we can reject in managed code is rejected here with a message that names the file and the fix.
/// </summary>
internal static class ModelFilePreflight
{
    public static FileInfo Check(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new InferenceException("No model path was given: pass the path of a .gguf file.", InferenceErrorKind.InvalidModelFile);

        if (Directory.Exists(path))
        {
            var inside = Directory.EnumerateFiles(path, "*.gguf").Order(StringComparer.Ordinal).FirstOrDefault();
            var hint = inside is null ? "" : $" (for example '{inside}')";
            throw new InferenceException(
                $"Model path '{path}' is a directory, not a model file: pass the path of a .gguf file inside it{hint}.",
                InferenceErrorKind.InvalidModelFile);
        }

        var file = new FileInfo(path);
        if (!file.Exists)
            throw new InferenceException(
                $"Model file '{path}' does not exist: check the path, or forge a synthetic model with 'benchcluster forge'.",
                InferenceErrorKind.InvalidModelFile);

        try
        {
            GgufValidator.ValidateForInference(file.FullName);
        }
        catch (GgufFormatException e)
        {
            var kind = e.Problem == GgufProblem.UnsupportedArchitecture ? InferenceErrorKind.Unsupported : InferenceErrorKind.InvalidModelFile;
            throw new InferenceException(e.Message, kind, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InferenceException($"Model file '{path}' cannot be read ({e.Message}): check its permissions and the disk.",
                InferenceErrorKind.InvalidModelFile, e);
        }
        return file;
    }
}
