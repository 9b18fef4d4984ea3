using System.Globalization;
using System.Text;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Traces;

/// <summary>
/// Reads a CSV trace (a header with at least TIMESTAMP, ContextTokens and GeneratedTokens, as the public Azure LLM
/// inference traces) from under the node's workload data folder and cuts the window a <see cref="TraceSpec"/> asks
/// for. Offsets are from the window's first row, multiplied by time_scale. Every row up to the window's end is
/// checked (sorted, not negative, numeric), so a bad trace is refused before the run starts.
/// </summary>
public static class TraceReader
{
    private static readonly string[] Required = ["TIMESTAMP", "ContextTokens", "GeneratedTokens"];

    public static TraceFile Read(TraceSpec spec, string? root = null, TraceLimits? limits = null)
    {
        limits ??= TraceLimits.Default;
        var name = spec.Path;
        var full = WorkloadDataFolder.Resolve(name, root ?? WorkloadDataFolder.Root);
        using var stream = HashingReadStream.Open(full, name, limits.MaxFileBytes);
        var lines = new BoundedLineReader(BoundedLineReader.Utf8(stream), limits.MaxLineChars);
        var problems = new InputProblems(name);
        var requests = new List<TraceRequest>();
        var maxRequests = Math.Min(spec.MaxRequests ?? limits.DefaultMaxRequests, SuiteLimits.MaxRequestsPerScenario);
        var startTicks = (long)Math.Round(spec.StartSeconds * TimeSpan.TicksPerSecond);
        long? endTicks = spec.WindowSeconds is { } window ? startTicks + (long)Math.Round(window * TimeSpan.TicksPerSecond) : null;
        var columns = Header(lines, name, limits);
        long? firstTicks = null, previousTicks = null, windowFirstTicks = null;
        var previousLine = 0;
        bool? dateTime = null;
        try
        {
            while (requests.Count < maxRequests && !problems.Full && lines.Next(out var tooLong) is { } line)
            {
                var at = lines.LineNumber.ToString(CultureInfo.InvariantCulture);
                if (lines.LineNumber > limits.MaxRowsScanned)
                    throw new WorkloadInputException(name, $"{name}: more than {limits.MaxRowsScanned:N0} rows before the window ends; cut the trace or set start_s / window_s nearer its beginning");
                if (tooLong)
                {
                    problems.Add(at, $"the row is longer than {limits.MaxLineChars:N0} characters; a trace row holds a timestamp and two counts");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                var fields = TraceCsv.Split(line, limits.MaxColumns);
                if (fields.Count <= columns.Max())
                {
                    problems.Add(at, $"has {fields.Count} fields, the header {columns.Max() + 1} or more; every row needs TIMESTAMP, ContextTokens and GeneratedTokens");
                    continue;
                }
                dateTime ??= TraceTimestamp.IsDateTime(fields[columns[0]]);
                var ticks = TraceTimestamp.Ticks(fields[columns[0]], dateTime.Value, out var timeProblem);
                var context = Count(fields[columns[1]], "ContextTokens", 1, out var contextProblem);
                var generated = Count(fields[columns[2]], "GeneratedTokens", 0, out var generatedProblem);
                if ((timeProblem ?? contextProblem ?? generatedProblem) is { } problem)
                {
                    problems.Add(at, problem + "; fix or remove the row");
                    continue;
                }
                if (previousTicks is { } previous && ticks < previous)
                {
                    problems.Add(at, $"TIMESTAMP {TraceTimestamp.Shown(fields[columns[0]])} is earlier than line {previousLine}'s; sort the trace by TIMESTAMP");
                    continue;
                }
                var time = ticks!.Value;
                previousTicks = time;
                previousLine = lines.LineNumber;
                var fromStart = time - (firstTicks ??= time);
                if (fromStart < startTicks)
                    continue;
                if (fromStart >= endTicks)
                    break;
                var offsetNs = (long)Math.Round((time - (windowFirstTicks ??= time)) * 100.0 * spec.TimeScale);
                // A row that generated nothing still costs a request: it is replayed with one output token.
                requests.Add(new TraceRequest(offsetNs, context!.Value, Math.Max(1, generated!.Value), lines.LineNumber));
            }
        }
        catch (DecoderFallbackException)
        {
            problems.Add((lines.LineNumber + 1).ToString(CultureInfo.InvariantCulture), "is not UTF-8; save the trace as UTF-8 text");
        }
        problems.ThrowIfAny();
        if (requests.Count == 0)
            throw new WorkloadInputException(name, firstTicks is null
                ? $"{name}: the trace has a header but no rows; add rows of TIMESTAMP, ContextTokens, GeneratedTokens"
                : $"{name}: no rows in the window from start_s {spec.StartSeconds} for {(spec.WindowSeconds is { } w ? $"{w} s" : "the rest of the trace")} (the trace spans {TimeUnits.ToSeconds((previousTicks!.Value - firstTicks.Value) * 100):0.###} s); choose start_s / window_s inside it");
        var sha256 = stream.FinishSha256();
        return new TraceFile(requests, new WorkloadInputFile { Format = "trace", Path = name, Sha256 = sha256, Bytes = stream.BytesRead, Records = requests.Count });
    }

    /// <summary>The positions of TIMESTAMP, ContextTokens and GeneratedTokens in the header (names match ignoring case).</summary>
    private static int[] Header(BoundedLineReader lines, string name, TraceLimits limits)
    {
        string? header;
        try
        {
            header = lines.Next(out var tooLong);
            if (tooLong)
                throw new WorkloadInputException(name, $"{name}:1: the header is longer than {limits.MaxLineChars:N0} characters; the first line names the columns, e.g. TIMESTAMP,ContextTokens,GeneratedTokens");
        }
        catch (DecoderFallbackException)
        {
            throw new WorkloadInputException(name, $"{name}:1: is not UTF-8; save the trace as UTF-8 text");
        }
        var names = TraceCsv.Split(header ?? "", limits.MaxColumns);
        var positions = Required.Select(r => names.FindIndex(n => string.Equals(n, r, StringComparison.OrdinalIgnoreCase))).ToArray();
        var missing = Required.Where((_, i) => positions[i] < 0).ToList();
        if (missing.Count > 0)
            throw new WorkloadInputException(name, $"{name}:1: the header lacks {string.Join(", ", missing)} (it has {TraceTimestamp.Shown(string.Join(",", names))}); the first line must name TIMESTAMP, ContextTokens and GeneratedTokens");
        return positions;
    }

    private static int? Count(string value, string column, int min, out string? problem)
    {
        problem = null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= min && count <= SuiteLimits.MaxTokens)
            return count;
        problem = $"{column} '{TraceTimestamp.Shown(value)}' is not a whole number from {min} to {SuiteLimits.MaxTokens:N0}";
        return null;
    }
}
