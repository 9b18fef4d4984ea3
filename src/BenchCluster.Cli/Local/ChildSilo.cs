using System.Diagnostics;
using BenchCluster.EngineProcess.Parent;

namespace BenchCluster.Cli.Local;

/// <summary>A silo of local mode: this same program started as `benchcluster coordinator|worker ...`, its output in a log file.</summary>
internal sealed class ChildSilo : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildSilo(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Name { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public static ChildSilo Start(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var self = EngineLaunchOptions.FromCurrentProcess();
        var info = new ProcessStartInfo(self.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in self.LeadingArguments.Concat(arguments))
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildSilo(name, process, log, logPath);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(line);
    }

    /// <summary>The last lines of its log, to explain a failure.</summary>
    public string Tail(int lines = 15)
    {
        lock (_log)
            _log.Flush();
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.TakeLast(lines));
    }

    /// <summary>Asks it to stop (SIGTERM: the host shuts the silo down gracefully), then kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            SendTerminate(_process.Id);
            try
            {
                await _process.WaitForExitAsync().WaitAsync(StopGrace);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        lock (_log)
            _log.Dispose();
    }

    private static void SendTerminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
    }
}
