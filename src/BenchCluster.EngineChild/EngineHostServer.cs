using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using BenchCluster.EngineProcess.Protocol;
using Microsoft.Extensions.Logging;

namespace BenchCluster.EngineChild;

/// <summary>
/// The child side: connects back to the supervisor's socket, announces itself, and serves Load/Run/Cancel
/// until told to shut down or until the supervisor goes away (a child never outlives its silo).
/// </summary>
public static class EngineHostServer
{
    public static async Task<int> RunAsync(string socketPath, IEngineRequestHandler handler, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        await using var channel = new MessageChannel(new NetworkStream(socket, ownsSocket: true));
        var running = new ConcurrentDictionary<long, CancellationTokenSource>();
        var inFlight = new List<Task>();

        await channel.SendAsync(new EngineMessage
        {
            Kind = EngineMessageKind.Ready,
            Payload = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);

        while (!cancellationToken.IsCancellationRequested)
        {
            var message = await channel.ReceiveAsync(cancellationToken);
            if (message is null)
            {
                logger.LogWarning("supervisor closed the connection; engine child exits");
                break;
            }
            switch (message.Kind)
            {
                case EngineMessageKind.Load:
                    inFlight.Add(ServeAsync(channel, message, EngineMessageKind.Loaded, handler.LoadAsync, running, logger));
                    break;
                case EngineMessageKind.Run:
                    inFlight.Add(ServeAsync(channel, message, EngineMessageKind.Completed, handler.RunAsync, running, logger));
                    break;
                case EngineMessageKind.Cancel:
                    if (running.TryGetValue(message.RequestId, out var cts))
                        await cts.CancelAsync();
                    break;
                case EngineMessageKind.Shutdown:
                    foreach (var pending in running.Values)
                        await pending.CancelAsync();
                    await Task.WhenAll(inFlight);
                    return 0;
                default:
                    logger.LogWarning("engine child ignores unexpected message {Kind}", message.Kind);
                    break;
            }
            inFlight.RemoveAll(t => t.IsCompleted);
        }
        foreach (var pending in running.Values)
            await pending.CancelAsync();
        await Task.WhenAll(inFlight);
        return 0;
    }

    private static async Task ServeAsync(
        MessageChannel channel,
        EngineMessage request,
        EngineMessageKind successKind,
        Func<string, CancellationToken, Task<string>> work,
        ConcurrentDictionary<long, CancellationTokenSource> running,
        ILogger logger)
    {
        using var cts = new CancellationTokenSource();
        running[request.RequestId] = cts;
        EngineMessage reply;
        try
        {
            var result = await Task.Run(() => work(request.Payload ?? "", cts.Token), cts.Token);
            reply = new EngineMessage { Kind = successKind, RequestId = request.RequestId, Payload = result };
        }
        catch (OperationCanceledException)
        {
            reply = new EngineMessage { Kind = EngineMessageKind.Failed, RequestId = request.RequestId, Error = "cancelled" };
        }
        catch (Exception e)
        {
            logger.LogError(e, "engine request {Kind} failed", request.Kind);
            reply = new EngineMessage { Kind = EngineMessageKind.Failed, RequestId = request.RequestId, Error = e.Message };
        }
        finally
        {
            running.TryRemove(request.RequestId, out _);
        }
        try
        {
            await channel.SendAsync(reply);
        }
        catch (IOException e)
        {
            logger.LogWarning("could not send the reply to {Kind}: {Message}", request.Kind, e.Message);
        }
    }
}
