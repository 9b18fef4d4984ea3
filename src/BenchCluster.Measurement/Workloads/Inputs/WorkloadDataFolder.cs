namespace BenchCluster.Measurement.Workloads.Inputs;

/// <summary>
/// Where the files a suite names may be read (datasets, traces, quality corpora and task files): a suite comes from
/// whoever submits it, so it names a file relative to the node's workload data folder and cannot reach outside it
/// (no absolute path, no "..", no symbolic link on the way). The folder is BENCHCLUSTER_WORKLOAD_DATA; a worker
/// without it refuses jobs that name such files, so no folder is opened to suites by accident. Local mode
/// (<c>benchcluster run</c>) sets it to the folder it starts in.
/// </summary>
public static class WorkloadDataFolder
{
    public const string EnvironmentVariable = "BENCHCLUSTER_WORKLOAD_DATA";

    /// <summary>The folder on this node; null where none is configured.</summary>
    public static string? Root =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? Path.GetFullPath(configured) : null;

    /// <summary>Local mode: the working folder, unless the user set one; child processes inherit it.</summary>
    public static void DefaultToWorkingFolder()
    {
        if (Root is null)
            Environment.SetEnvironmentVariable(EnvironmentVariable, Environment.CurrentDirectory);
    }

    /// <summary>Why a suite's path is not acceptable anywhere, or null when its shape is fine.</summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Trim() != path || path.Contains('\0'))
            return "must be a file path relative to the workload data folder, without surrounding spaces";
        if (Path.IsPathRooted(path) || path.StartsWith('~'))
            return $"'{path}' is absolute; name the file relative to the workload data folder ({EnvironmentVariable} on the node that runs the job; local mode: the folder benchcluster run starts in)";
        if (path.Split('/', '\\').Any(part => part == ".."))
            return $"'{path}' leaves the workload data folder through '..'; put the file under that folder and name it from there";
        return null;
    }

    /// <summary>The full path of a suite-named file under <paramref name="root"/>; throws naming the path and the fix.</summary>
    public static string Resolve(string path, string? root)
    {
        if (Problem(path) is { } problem)
            throw new WorkloadInputException(path, $"{path}: {problem}");
        if (root is null)
            throw new WorkloadInputException(path, $"{path}: this node has no workload data folder, so it reads no file a suite names (dataset, trace, quality corpus or task file); set {EnvironmentVariable} in the worker's environment to the folder that holds them");
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(fullRoot, path));
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new WorkloadInputException(path, $"{path}: resolves outside the workload data folder {fullRoot}; name a file under it");
        if (Directory.Exists(full))
            throw new WorkloadInputException(path, $"{path}: is a folder; name a file under the workload data folder {fullRoot}");
        if (!File.Exists(full))
            throw new WorkloadInputException(path, $"{path}: not found under the workload data folder {fullRoot} of this node; copy the file there (it is read on the node that runs the job)");
        // A link could point anywhere on the node, so none is followed, the file itself included.
        for (var entry = (FileSystemInfo)new FileInfo(full); entry.FullName.Length > fullRoot.Length; entry = new DirectoryInfo(Path.GetDirectoryName(entry.FullName)!))
        {
            if (entry.LinkTarget is not null)
                throw new WorkloadInputException(path, $"{path}: {entry.FullName} is a symbolic link, which could lead outside the workload data folder; copy the file there instead");
        }
        return full;
    }
}
