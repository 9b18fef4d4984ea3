using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchCluster.Testing;

namespace BenchCluster.Web.Tests.Infrastructure;

/// <summary>
/// `benchcluster up --http URL` as a user starts it (private Postgres, coordinator serving the API and the pages, one
/// CPU worker), kept running until disposed, plus an API token made with `benchcluster api-token add`.
/// </summary>
internal sealed class LocalCoordinator : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private const string UrlLine = "BENCHCLUSTER_URL=";

    private readonly Process _process;
    private readonly List<string> _output = [];

    private LocalCoordinator(Process process) => _process = process;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>A token of <see cref="TokenName"/>, made by `benchcluster api-token add`.</summary>
    public string Token { get; private set; } = "";

    /// <summary>Who the token stands for: unique per start, and revoked (its line deleted) when the tests end.</summary>
    public string TokenName { get; } = "web-tests-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The last lines `up` wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return string.Join('\n', _output.TakeLast(80));
        }
    }

    /// <summary>Starts local mode with the synthetic models of <paramref name="suiteFiles"/> forged first.</summary>
    public static async Task<LocalCoordinator> StartAsync(IReadOnlyList<string> suiteFiles)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FreePort()}");
        var arguments = new List<string> { "up", "--http", url };
        foreach (var file in suiteFiles)
            arguments.AddRange(["--prepare", file]);
        var coordinator = new LocalCoordinator(new Process { StartInfo = BenchClusterCommand.StartInfo(arguments) });
        try
        {
            await coordinator.StartProcessAsync();
            coordinator.Token = await coordinator.AddTokenAsync();
            return coordinator;
        }
        catch
        {
            await coordinator.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessAsync()
    {
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data?.StartsWith(UrlLine, StringComparison.Ordinal) == true)
                ready.TrySetResult(new Uri(e.Data[UrlLine.Length..]));
        };
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartTimeout));
        if (first != ready.Task)
            throw new InvalidOperationException($"benchcluster up did not print {UrlLine} within {StartTimeout} " +
                                                $"({(first == exited ? "it exited" : "still running")}):\n{Output}");
        BaseUrl = await ready.Task;
    }

    /// <summary>`benchcluster api-token add`, then waits until the running coordinator accepts the token (it rereads its file).</summary>
    private async Task<string> AddTokenAsync()
    {
        var added = await BenchClusterCommand.RunAsync(["api-token", "add", TokenName, "--file", TokensFile], TimeSpan.FromMinutes(1));
        if (added.ExitCode != 0)
            throw new InvalidOperationException($"benchcluster api-token add failed ({added.ExitCode}):\n{added.StandardError}");
        var token = added.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        using var api = new ApiClient(BaseUrl, token);
        var deadline = Stopwatch.StartNew();
        while (!await api.IsAcceptedAsync())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new InvalidOperationException($"the coordinator did not accept the token of 'api-token add' within 30 s:\n{Output}");
            await Task.Delay(250);
        }
        return token;
    }

    /// <summary>Local mode's tokens file, which `up` serves from.</summary>
    private static string TokensFile => Path.Combine(RepositoryPaths.Root, ".data", "api-tokens");

    /// <summary>Deletes the token's line, as a person revokes a token.</summary>
    private void RevokeToken()
    {
        if (!File.Exists(TokensFile))
            return;
        var prefix = TokenName + " ";
        var kept = File.ReadAllLines(TokensFile).Where(line => !line.StartsWith(prefix, StringComparison.Ordinal));
        File.WriteAllText(TokensFile, string.Concat(kept.Select(line => line + "\n")));
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Stops `up` as a service manager would (SIGTERM: it stops its silos), then stops whatever of its process tree
    /// outlived it, so no silo or engine of the tests keeps running.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                var tree = ProcessTree.DescendantsOf(_process.Id);
                Signal("TERM", _process.Id);
                await WaitForExitAsync(_process.Id, StopTimeout);
                foreach (var pid in tree)
                    Signal("TERM", pid);
                foreach (var pid in tree)
                {
                    if (!await WaitForExitAsync(pid, StopTimeout))
                        Signal("KILL", pid);
                }
                if (!_process.HasExited)
                    _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }
        _process.Dispose();
        RevokeToken();
    }

    private static void Signal(string signal, int pid)
    {
        if (!Directory.Exists($"/proc/{pid}"))
            return;
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>True once /proc no longer lists the process (or lists it as a zombie, which holds nothing).</summary>
    private static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var stat = $"/proc/{pid}/stat";
            try
            {
                if (!File.Exists(stat) || File.ReadAllText(stat).Split(") ").Last().StartsWith('Z'))
                    return true;
            }
            catch (IOException)
            {
                return true;
            }
            await Task.Delay(100);
        }
        return false;
    }
}
