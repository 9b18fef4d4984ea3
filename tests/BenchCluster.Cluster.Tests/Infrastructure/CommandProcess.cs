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

    public static async Task<Result> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(BenchClusterExecutable.Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
