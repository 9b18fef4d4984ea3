using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using BenchCluster.Engine.Completions;

namespace BenchCluster.Serving.Responses;

/// <summary>
/// Writes one streamed response as OpenAI-style server-sent events straight into the response pipe. The caller
/// flushes after every token so each leaves when it is produced; the events that end a stream (the last token,
/// finish, usage, [DONE], and the response's terminating chunk) leave together in one write. Every token event carries
/// "benchcluster": {"tokens", "produced_ns"}: the exact token count of the event and the backend's
/// monotonic production time, which BenchCluster's client reads (other clients ignore it).
/// </summary>
internal sealed class SseChunkWriter : IDisposable
{
    private readonly PipeWriter _pipe;
    private readonly CompletionIdentity _identity;
    private readonly Utf8JsonWriter _json;

    public SseChunkWriter(PipeWriter pipe, CompletionIdentity identity)
    {
        _pipe = pipe;
        _identity = identity;
        _json = new Utf8JsonWriter(pipe);
    }

    /// <summary>Chat streams open with the assistant role, as OpenAI's do (sent with the first token).</summary>
    public void WriteRole()
    {
        StartEvent();
        WriteChoice(text: "", finishReason: null, role: true);
        EndEvent();
    }

    /// <summary>One token event; <paramref name="asReasoning"/> puts a chat chunk's text in reasoning_content (sent even empty, so a client counts its tokens as reasoning).</summary>
    public void WriteToken(CompletionChunk chunk, bool asReasoning = false)
    {
        StartEvent();
        WriteChoice(chunk.Text, finishReason: null, role: false, reasoning: asReasoning && _identity.IsChat);
        _json.WriteStartObject("benchcluster");
        _json.WriteNumber("tokens", chunk.TokenCount);
        _json.WriteNumber("produced_ns", chunk.TimestampNs);
        _json.WriteEndObject();
        EndEvent();
    }

    public void WriteFinish(string finishReason)
    {
        StartEvent();
        WriteChoice(text: null, finishReason, role: false);
        EndEvent();
    }

    /// <summary>The stream_options.include_usage event: no choices, only usage.</summary>
    public void WriteUsage(int? promptTokens, int completionTokens, int? cachedPromptTokens = null)
    {
        StartEvent();
        _json.WriteStartArray("choices");
        _json.WriteEndArray();
        UsageJson.Write(_json, promptTokens, completionTokens, cachedPromptTokens);
        EndEvent();
    }

    /// <summary>Sends what was written so far.</summary>
    public ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken) => _pipe.FlushAsync(cancellationToken);

    /// <summary>The stream's last event; it leaves with whatever is still buffered when the response completes.</summary>
    public void WriteDone() => _pipe.Write("data: [DONE]\n\n"u8);

    /// <summary>A failure after the stream started: an error event, and no [DONE].</summary>
    public ValueTask<FlushResult> WriteErrorAsync(int statusCode, string type, string message, CancellationToken cancellationToken)
    {
        _pipe.Write("data: "u8);
        _json.Reset(_pipe);
        ErrorJson.Write(_json, statusCode, type, message, param: null);
        _json.Flush();
        _pipe.Write("\n\n"u8);
        return _pipe.FlushAsync(cancellationToken);
    }

    private void StartEvent()
    {
        _pipe.Write("data: "u8);
        _json.Reset(_pipe);
        _json.WriteStartObject();
        _json.WriteString("id", _identity.Id);
        _json.WriteString("object", _identity.ChunkObject);
        _json.WriteNumber("created", _identity.CreatedUnixSeconds);
        _json.WriteString("model", _identity.Model);
    }

    private void WriteChoice(string? text, string? finishReason, bool role, bool reasoning = false)
    {
        _json.WriteStartArray("choices");
        _json.WriteStartObject();
        _json.WriteNumber("index", 0);
        if (_identity.IsChat)
        {
            _json.WriteStartObject("delta");
            if (role)
                _json.WriteString("role", "assistant");
            if (text is not null)
                _json.WriteString(reasoning ? "reasoning_content" : "content", text);
            _json.WriteEndObject();
        }
        else
        {
            _json.WriteString("text", text ?? "");
        }
        _json.WriteNull("logprobs");
        if (finishReason is null)
            _json.WriteNull("finish_reason");
        else
            _json.WriteString("finish_reason", finishReason);
        _json.WriteEndObject();
        _json.WriteEndArray();
    }

    private void EndEvent()
    {
        _json.WriteEndObject();
        _json.Flush();
        _pipe.Write("\n\n"u8);
    }

    public void Dispose() => _json.Dispose();
}
