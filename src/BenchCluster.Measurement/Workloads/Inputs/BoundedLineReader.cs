using System.Text;

namespace BenchCluster.Measurement.Workloads.Inputs;

/// <summary>
/// Reads text lines without trusting the file: a line longer than the bound is not built in memory but skipped to
/// its end and reported as too long, with its 1-based line number.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, int maxLineChars)
{
    private readonly StringBuilder _line = new();

    public int LineNumber { get; private set; }

    /// <summary>The next line (without its end), or null at the end of the file; <paramref name="tooLong"/> when it was cut.</summary>
    public string? Next(out bool tooLong)
    {
        _line.Clear();
        tooLong = false;
        var any = false;
        while (reader.Read() is var c and >= 0)
        {
            any = true;
            if (c == '\n')
                break;
            if (_line.Length < maxLineChars)
                _line.Append((char)c);
            else
                tooLong = true;
        }
        if (!any)
            return null;
        LineNumber++;
        if (_line.Length > 0 && _line[^1] == '\r')
            _line.Length--;
        return tooLong ? "" : _line.ToString();
    }

    /// <summary>Strict UTF-8 (a byte-order mark is skipped): invalid bytes are an error, not replacement characters.</summary>
    public static StreamReader Utf8(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16);
}
