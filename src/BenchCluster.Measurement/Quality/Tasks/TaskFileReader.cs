namespace BenchCluster.Measurement.Quality.Tasks;

/// <summary>
/// Reads a HellaSwag-style task file: JSON Lines, one task per line with HellaSwag's own fields <c>ctx</c>
/// (string), <c>endings</c> (2 to 8 strings) and <c>label</c> (index of the right ending, a number or a string of
/// digits as HellaSwag exports differ); <c>activity_label</c>, when present, prefixes the context as
/// llama-perplexity's HellaSwag text does; other fields are ignored; blank lines are skipped. Every bad line is an
/// error naming file:line; up to <see cref="TaskFileLimits.MaxErrors"/> are collected before reading stops.
/// </summary>
public static class TaskFileReader
{
    /// <summary>The task file shipped with BenchCluster (derived from the bundled corpus; a scoring check).</summary>
    public const string BundledTasks = "bundled";

    private const string What = "task file";
    private const string ResourceName = "BenchCluster.Measurement.QualityTasks.jsonl";

    /// <summary>
    /// The first <paramref name="maxTasks"/> tasks (all when null) of <see cref="BundledTasks"/> or a suite-named file
    /// relative to the workload data folder (<paramref name="root"/>, else BENCHCLUSTER_WORKLOAD_DATA); the SHA-256
    /// is of the whole file. Throws <see cref="QualityInputException"/> naming file:line.
    /// </summary>
    public static TaskFile Read(string path, int? maxTasks, string? root = null, TaskFileLimits? limits = null)
    {
        limits ??= TaskFileLimits.Default;
        if (maxTasks is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxTasks), maxTasks, "at least one task");
        var bytes = path == BundledTasks ? QualityFileBytes.Embedded(ResourceName) : QualityFileBytes.ReadSuiteFile(path, root, limits.MaxFileBytes, What);
        return Parse(path, bytes, maxTasks, limits);
    }

    private static TaskFile Parse(string path, byte[] bytes, int? maxTasks, TaskFileLimits limits)
    {
        var text = QualityFileBytes.Decode(path, bytes, What);
        var wanted = Math.Min(maxTasks ?? limits.MaxTasks, limits.MaxTasks);
        var tasks = new List<QualityTask>();
        var errors = new List<string>();
        var lineNumber = 0;
        var taskLines = 0;
        // Lines end at \n (a \r before it is dropped) only: JSON strings may hold U+2028 and U+2029, which
        // EnumerateLines would also split at, misnumbering every later line.
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            var line = text.AsSpan(start, (end < 0 ? text.Length : end) - start).TrimEnd('\r');
            start = end < 0 ? text.Length : end + 1;
            lineNumber++;
            if (line.IsWhiteSpace())
                continue;
            if (++taskLines > limits.MaxTasks)
            {
                errors.Add($"{path}:{lineNumber}: more than {limits.MaxTasks:N0} tasks; keep the first {limits.MaxTasks:N0} (max_tasks counts from the start)");
                break;
            }
            var where = $"{path}:{lineNumber}";
            if (line.Length > limits.MaxLineChars)
                errors.Add($"{where}: the line is {line.Length:N0} characters, above the bound of {limits.MaxLineChars:N0}; shorten the context or endings");
            else if (TaskLineParser.Parse(line, where, limits, out var problem) is { } task)
            {
                if (tasks.Count < wanted)
                    tasks.Add(task);
            }
            else
                errors.Add(problem!);
            if (errors.Count >= limits.MaxErrors)
            {
                errors.Add($"{path}: stopped after {limits.MaxErrors} bad lines; fix these and read it again");
                break;
            }
            // With a task count asked for, only the lines that will be scored are read through.
            if (maxTasks is not null && tasks.Count >= wanted)
                break;
        }
        if (errors.Count > 0)
            throw new QualityInputException(path, errors);
        if (tasks.Count == 0)
            throw new QualityInputException(path, $"{path}: the task file has no tasks; write one JSON object per line with ctx, endings and label (docs/quality-inputs.md)");
        return new TaskFile(path, QualityFileBytes.Sha256(bytes), tasks);
    }
}
