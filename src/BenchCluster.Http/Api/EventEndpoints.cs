using System.Text.Json;
using BenchCluster.Http.Auth;
using BenchCluster.Http.Cluster;
using BenchCluster.Storage.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>
/// Live progress of a run as server-sent events: <c>event: progress</c> with the run's JSON whenever it changes,
/// <c>event: done</c> once it reaches a final state, a comment line as heartbeat. Polls v_run_progress, so it works for
/// any run in the database, whichever coordinator runs it.
/// </summary>
public static class EventEndpoints
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/runs/{id}/events", StreamAsync)
            .WithName("RunEvents")
            .WithSummary("Server-sent events: 'progress' (the run's JSON) on each change, 'done' at a final state.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> StreamAsync(HttpContext context, IClusterBackend cluster, EventStreamSlots slots, TimeProvider time, string id)
    {
        if (!RouteValues.TryRunId(id, out var runId, out var error))
            return error!;
        var cancellationToken = context.RequestAborted;
        var run = await cluster.GetRunAsync(runId, cancellationToken);
        if (run is null)
            return ApiErrors.RunNotFound(runId);
        using var slot = slots.TryAcquire(ApiCaller.Of(context).Name);
        if (slot is null)
            return ApiErrors.Result(StatusCodes.Status429TooManyRequests, new ApiError(
                $"too many open event streams (at most {slots.MaxPerCaller} per caller, {slots.MaxTotal} in all)", null,
                "close streams you no longer read (EventSource.close()), or poll GET /api/runs/{id}"));

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellationToken);
        string? last = null;
        var lastWrite = time.GetTimestamp();
        try
        {
            while (true)
            {
                var json = JsonSerializer.Serialize(run, ApiJson.Options);
                var final = run!.Status is RunState.Completed or RunState.Failed or RunState.Cancelled;
                if (json != last || final)
                {
                    await response.WriteAsync($"event: progress\ndata: {json}\n\n", cancellationToken);
                    if (final)
                        await response.WriteAsync($"event: done\ndata: {json}\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    last = json;
                    lastWrite = time.GetTimestamp();
                    if (final)
                        break;
                }
                else if (time.GetElapsedTime(lastWrite) >= HeartbeatInterval)
                {
                    await response.WriteAsync(": heartbeat\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    lastWrite = time.GetTimestamp();
                }
                await Task.Delay(PollInterval, time, cancellationToken);
                run = await cluster.GetRunAsync(runId, cancellationToken) ?? run;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: nothing to answer.
        }
        return Results.Empty;
    }
}
