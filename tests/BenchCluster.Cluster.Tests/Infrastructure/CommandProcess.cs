using System.Diagnostics;
using System.Text;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>A `benchcluster` command run as a user would, with its whole output.</summary>
internal static class CommandProcess
{
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>stdout alone (Output interleaves stdout and stderr), for commands whose stdout must parse.</summary>
        public string StandardOutput { get; init; } = "";
    }

    /// <param name="launcher">A program the command runs under, e.g. ["taskset", "-c", "0"] to pin it (and its child processes) to one CPU.</param>
    public static async Task<Result> RunAsync(
        IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? launcher = null)
    {
        var program = launcher is { Count: > 0 } ? launcher[0] : BenchClusterExecutable.Dotnet;
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in launcher?.Skip(1) ?? [])
            info.ArgumentList.Add(argument);
        if (launcher is { Count: > 0 })
            info.ArgumentList.Add(BenchClusterExecutable.Dotnet);
        info.ArgumentList.Add(BenchClusterExecutable.DllPath);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
                standardOutput.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"benchcluster {string.Join(' ', arguments)} did not finish within {timeout}:\n{output}");
        }
        process.WaitForExit();
        lock (output)
            return new Result(process.ExitCode, output.ToString()) { StandardOutput = standardOutput.ToString() };
    }
}
