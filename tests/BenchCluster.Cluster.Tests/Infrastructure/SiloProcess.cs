using System.Diagnostics;
using System.Globalization;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>A real silo process (`benchcluster coordinator|worker`), optionally inside a network namespace, its output kept for failure messages.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private SiloProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    private int _pid;

    public string Name { get; }

    public int Pid => _pid;

    public bool HasExited => _process.HasExited;

    public static SiloProcess Start(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? networkNamespace = null)
    {
        var info = networkNamespace is null
            ? new ProcessStartInfo(BenchClusterExecutable.Dotnet)
            : new ProcessStartInfo("ip");
        if (networkNamespace is not null)
        {
            foreach (var a in new[] { "netns", "exec", networkNamespace, BenchClusterExecutable.Dotnet })
                info.ArgumentList.Add(a);
        }
        info.ArgumentList.Add(BenchClusterExecutable.DllPath);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = new Process { StartInfo = info };
        var silo = new SiloProcess(name, process);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        silo._pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    public string Output
    {
        get
        {
            lock (_output)
                return $"--- {Name} (pid {_pid}) ---\n" + string.Join('\n', _output.TakeLast(60));
        }
    }

    /// <summary>Whether any line it printed so far contains <paramref name="text"/>.</summary>
    public bool Printed(string text)
    {
        lock (_output)
            return _output.Any(line => line.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>True once the test killed it on purpose.</summary>
    public bool WasKilled { get; private set; }

    /// <summary>kill -9: no goodbye to the cluster; membership must notice.</summary>
    public void KillHard()
    {
        WasKilled = true;
        Signal("KILL");
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal("TERM");
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}
