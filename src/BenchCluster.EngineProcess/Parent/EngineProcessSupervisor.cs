using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using BenchCluster.EngineProcess.Protocol;
using Microsoft.Extensions.Logging;

namespace BenchCluster.EngineProcess.Parent;

/// <summary>
/// The parent side of one engine child process: starts it, sends it requests, and turns its death
/// (native abort, out-of-memory kill, hang past a deadline) into an <see cref="EngineCrashedException"/>
/// that names the signal and quotes the child's last stderr lines.
/// </summary>
public sealed class EngineProcessSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly MessageChannel _channel;
    private readonly StderrTail _stderr;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<EngineMessage>> _pending = new();
    private readonly Task _readLoop;
    private readonly string _socketPath;
    private long _nextRequestId;
    private volatile string? _deathReason;
    private volatile bool _connectionClosed;

    private EngineProcessSupervisor(Process process, MessageChannel channel, StderrTail stderr, string socketPath, ILogger logger)
    {
        _process = process;
        _channel = channel;
        _stderr = stderr;
        _socketPath = socketPath;
        _logger = logger;
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public int ProcessId => _process.Id;

    public bool IsAlive => _deathReason is null && !_process.HasExited;

    public static async Task<EngineProcessSupervisor> StartAsync(EngineLaunchOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"bc-engine-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);

        var startInfo = new ProcessStartInfo(options.FileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in options.LeadingArguments)
            startInfo.ArgumentList.Add(argument);
        startInfo.ArgumentList.Add("engine-host");
        startInfo.ArgumentList.Add("--socket");
        startInfo.ArgumentList.Add(socketPath);
        foreach (var (key, value) in options.Environment)
            startInfo.Environment[key] = value;

        var stderr = new StderrTail(options.StderrTailLines);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Add(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) stderr.Add(e.Data); };
        if (!process.Start())
            throw new EngineCrashedException($"could not start the engine child: {options.FileName}");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartupTimeout);
            var accept = listener.AcceptAsync(timeout.Token).AsTask();
            var exited = process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(accept, exited) != accept)
            {
                await exited;
                throw new EngineCrashedException(
                    $"the engine child {ExitDescription.Describe(process.ExitCode)} before it connected. Its last output:\n{stderr.Text}");
            }
            var connection = await accept;
            var channel = new MessageChannel(new NetworkStream(connection, ownsSocket: true));
            var ready = await channel.ReceiveAsync(timeout.Token);
            if (ready?.Kind != EngineMessageKind.Ready)
                throw new EngineCrashedException($"the engine child did not announce itself (got {ready?.Kind.ToString() ?? "nothing"})");
            logger.LogInformation("engine child {Pid} started", process.Id);
            return new EngineProcessSupervisor(process, channel, stderr, socketPath, logger);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new EngineCrashedException(
                $"the engine child did not connect within {options.StartupTimeout.TotalSeconds:0} s. Its last output:\n{stderr.Text}");
        }
        catch
        {
            Kill(process);
            File.Delete(socketPath);
            throw;
        }
    }

    /// <summary>Loads the model in the child; the payload and the answer are JSON of the layer above.</summary>
    public Task<string> LoadAsync(string payload, TimeSpan timeout, CancellationToken cancellationToken) =>
        RequestAsync(EngineMessageKind.Load, payload, timeout, cancellationToken);

    /// <summary>Runs a job in the child. Past the timeout the child is killed (a hang) and the job fails.</summary>
    public Task<string> RunAsync(string payload, TimeSpan timeout, CancellationToken cancellationToken) =>
        RequestAsync(EngineMessageKind.Run, payload, timeout, cancellationToken);

    private async Task<string> RequestAsync(EngineMessageKind kind, string payload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        var requestId = Interlocked.Increment(ref _nextRequestId);
        var reply = new TaskCompletionSource<EngineMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = reply;
        try
        {
            await _channel.SendAsync(new EngineMessage { Kind = kind, RequestId = requestId, Payload = payload }, cancellationToken);
            if (_connectionClosed)
                throw Died("the engine child closed its connection");
            using var cancelRegistration = cancellationToken.Register(() => _ = SendCancelAsync(requestId));
            var finished = await Task.WhenAny(reply.Task, Task.Delay(timeout, CancellationToken.None));
            if (finished != reply.Task)
            {
                var message = $"the engine child did not finish {kind} within {timeout.TotalSeconds:0} s and was killed as hung";
                MarkDead(message);
                Kill(_process);
                throw new EngineCrashedException(message, hung: true);
            }
            var answer = await reply.Task;
            if (answer.Kind == EngineMessageKind.Failed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new EngineRequestFailedException(answer.Error ?? "the engine child failed without a reason");
            }
            return answer.Payload ?? "";
        }
        catch (IOException e)
        {
            throw Died($"the connection to the engine child broke ({e.Message})");
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    private async Task SendCancelAsync(long requestId)
    {
        try
        {
            await _channel.SendAsync(new EngineMessage { Kind = EngineMessageKind.Cancel, RequestId = requestId });
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            _logger.LogDebug("cancel not delivered: {Message}", e.Message);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var message = await _channel.ReceiveAsync();
                if (message is null)
                    break;
                if (_pending.TryGetValue(message.RequestId, out var reply))
                    reply.TrySetResult(message);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException or System.Text.Json.JsonException)
        {
            _logger.LogDebug("engine child connection ended: {Message}", e.Message);
        }

        // The connection is gone: the child exited or is about to. Wait briefly for its exit status.
        _connectionClosed = true;
        await Task.WhenAny(_process.WaitForExitAsync(), Task.Delay(ShutdownGrace));
        var reason = _process.HasExited
            ? $"the engine child (pid {_process.Id}) {ExitDescription.Describe(_process.ExitCode)}"
            : $"the engine child (pid {_process.Id}) closed its connection";
        var exception = Died(reason);
        foreach (var pending in _pending.Values)
            pending.TrySetException(exception);
    }

    private EngineCrashedException Died(string reason)
    {
        MarkDead(reason);
        return new EngineCrashedException($"{_deathReason}. Its last output:\n{_stderr.Text}");
    }

    private void MarkDead(string reason) => _deathReason ??= reason;

    private void ThrowIfDead()
    {
        if (_deathReason is not null)
            throw new EngineCrashedException($"{_deathReason}. Its last output:\n{_stderr.Text}");
        if (_process.HasExited)
            throw Died($"the engine child (pid {_process.Id}) {ExitDescription.Describe(_process.ExitCode)}");
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (IsAlive)
        {
            try
            {
                await _channel.SendAsync(new EngineMessage { Kind = EngineMessageKind.Shutdown });
                await _process.WaitForExitAsync().WaitAsync(ShutdownGrace);
            }
            catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException)
            {
                _logger.LogDebug("engine child did not shut down cleanly: {Message}", e.Message);
            }
        }
        MarkDead("the engine child was shut down");
        Kill(_process);
        await _channel.DisposeAsync();
        await _readLoop;
        _process.Dispose();
        File.Delete(_socketPath);
    }
}
