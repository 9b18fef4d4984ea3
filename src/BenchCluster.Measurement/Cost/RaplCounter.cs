using System.Globalization;

namespace BenchCluster.Measurement.Cost;

/// <summary>Reads one powercap attribute file; a missing, unreadable or malformed file gives null and says why.</summary>
internal static class RaplCounter
{
    /// <summary>The kernel's attribute files are a line each; anything longer is not one.</summary>
    private const int MaxAttributeBytes = 256;

    public static (long? Value, string? Problem) Read(string path)
    {
        var text = ReadText(path, out var problem);
        if (text is null)
            return (null, problem);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (null, $"'{(text.Length > 32 ? text[..32] + "…" : text)}' is not a count of microjoules");
    }

    public static string? ReadText(string path) => ReadText(path, out _);

    private static string? ReadText(string path, out string? problem)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            var buffer = new byte[MaxAttributeBytes];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            problem = null;
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = ex is UnauthorizedAccessException ? "permission denied" : ex.Message;
            return null;
        }
    }
}
