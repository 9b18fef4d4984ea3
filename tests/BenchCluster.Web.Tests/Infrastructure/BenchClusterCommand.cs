using System.Diagnostics;
using System.Text;

namespace BenchCluster.Web.Tests.Infrastructure;

/// <summary>The benchcluster program built beside the tests, run as a user runs it.</summary>
internal static class BenchClusterCommand
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "benchcluster.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException("benchcluster.dll is not beside the tests; build the solution", dll);
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }

    /// <summary>Runs a command to its end; stdout and stderr kept apart (stdout carries only the answer).</summary>
    public static async Task<Result> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = StartInfo(arguments) };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
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
            throw new TimeoutException($"benchcluster {string.Join(' ', arguments)} did not finish within {timeout}:\n{stderr}");
        }
        process.WaitForExit();
        lock (stdout)
            lock (stderr)
                return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}
