using System.Net.Sockets;
using BenchCluster.EngineChild;
using BenchCluster.EngineProcess.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace BenchCluster.EngineProcess.Tests;

/// <summary>
/// The engine child's side of the socket while a job is measured: nothing leaves the child during the job (no
/// per-token traffic, no progress, no logs over the socket), and its whole result leaves in one message afterwards,
/// so the worker silo has nothing to do while the engine's threads are timed.
/// </summary>
public sealed class EngineChildTrafficTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_job_sends_nothing_until_it_has_finished_and_then_exactly_one_reply()
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"bc-traffic-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        using var guard = new CancellationTokenSource(HangGuard);
        var handler = new GatedHandler();

        var child = EngineHostServer.RunAsync(socketPath, handler, NullLogger.Instance, guard.Token);
        await using var channel = new MessageChannel(new NetworkStream(await listener.AcceptAsync(guard.Token), ownsSocket: true));
        Assert.Equal(EngineMessageKind.Ready, (await channel.ReceiveAsync(guard.Token))!.Kind);

        await channel.SendAsync(new EngineMessage { Kind = EngineMessageKind.Run, RequestId = 7, Payload = "job" }, guard.Token);
        await handler.Entered.Task.WaitAsync(guard.Token);
        var received = new List<EngineMessage>();
        var reading = Task.Run(async () =>
        {
            while (await channel.ReceiveAsync(guard.Token) is { } message)
            {
                lock (received)
                    received.Add(message);
                if (message.Kind is EngineMessageKind.Completed or EngineMessageKind.Failed)
                    return;
            }
        }, guard.Token);

        // The timed part is running: the handler is blocked inside RunAsync. Pretend the job decoded its tokens,
        // then count what crossed the socket while it ran.
        await handler.TokensDecoded(128);
        int duringJob;
        lock (received)
            duringJob = received.Count;
        handler.Finish();
        await reading.WaitAsync(guard.Token);
        await channel.SendAsync(new EngineMessage { Kind = EngineMessageKind.Shutdown }, guard.Token);
        await child.WaitAsync(guard.Token);

        Assert.Equal(0, duringJob);
        var reply = Assert.Single(received);
        Assert.Equal(EngineMessageKind.Completed, reply.Kind);
        Assert.Equal(7, reply.RequestId);
        Assert.Equal("result of job after 128 tokens", reply.Payload);
        File.Delete(socketPath);
    }

    /// <summary>A job that stays in its timed part until the test lets it finish.</summary>
    private sealed class GatedHandler : IEngineRequestHandler
    {
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _tokens;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task TokensDecoded(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Interlocked.Increment(ref _tokens);
                await Task.Yield(); // each token gives the child's loops a chance to send, as a decode step would
            }
        }

        public void Finish() => _finish.TrySetResult();

        public Task<string> LoadAsync(string payload, CancellationToken cancellationToken) => Task.FromResult("loaded");

        public async Task<string> RunAsync(string payload, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await _finish.Task.WaitAsync(cancellationToken);
            return $"result of {payload} after {Volatile.Read(ref _tokens)} tokens";
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
