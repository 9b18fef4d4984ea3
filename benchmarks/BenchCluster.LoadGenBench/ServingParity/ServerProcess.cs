using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BenchCluster.LoadGenBench.ServingParity;

/// <summary>One server as a child process: started, polled on GET /health until it answers 200, killed (with its children) on disposal.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan HealthPoll = TimeSpan.FromMilliseconds(200);
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(string name, Process process, StreamWriter log, Uri baseUrl)
    {
        Name = name;
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
    }

    public string Name { get; }

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/ (the OpenAI base URL is this + "v1").</summary>
    public Uri BaseUrl { get; }

    public Uri ApiBaseUrl => new(BaseUrl, "v1");

    public static async Task<ServerProcess> StartAsync(
        string name, string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        int port, string logPath, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: {executable} did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(name, process, log, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitHealthyAsync(startTimeout, logPath, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A port nothing listens on now (the server binds it a moment later; a clash fails the start clearly).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, string logPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting; its output is in {logPath}.");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(HealthPoll, cancellationToken);
        }
        throw new TimeoutException($"{Name} did not answer GET /health within {timeout.TotalSeconds:0} s; its output is in {logPath}.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
        {
            // A line that arrives after disposal (the process's last words while it is killed) is dropped.
            if (log.BaseStream is not null)
                log.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log)
            _log.Dispose();
    }
}
