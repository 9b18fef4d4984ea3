using System.Text.Json.Serialization;

namespace BenchCluster.EngineProcess.Protocol;

/// <summary>
/// One message between a supervisor and its engine child. Payloads are JSON text owned by the layers above
/// (model load options, job specs, measurements), so this protocol does not depend on them.
/// </summary>
public sealed record EngineMessage
{
    [JsonConverter(typeof(JsonStringEnumConverter<EngineMessageKind>))]
    public required EngineMessageKind Kind { get; init; }
    /// <summary>Correlates a request with its reply.</summary>
    public long RequestId { get; init; }
    public string? Payload { get; init; }
    /// <summary>Set on failures: what went wrong, for the job's error.</summary>
    public string? Error { get; init; }
}

public enum EngineMessageKind
{
    /// <summary>Child → parent once connected; Payload = process id.</summary>
    Ready,
    /// <summary>Parent → child: load a model; Payload = load request JSON. Reply: Loaded or Failed.</summary>
    Load,
    Loaded,
    /// <summary>Parent → child: run a job; Payload = job JSON. Reply: Completed or Failed.</summary>
    Run,
    Completed,
    Failed,
    /// <summary>Parent → child: stop the job with this RequestId between tokens.</summary>
    Cancel,
    /// <summary>Parent → child: exit cleanly.</summary>
    Shutdown,
}
