using BenchCluster.Engine.Timing;
using System.Net.Http.Headers;
using BenchCluster.Engine.Completions;

namespace BenchCluster.Remote;

/// <summary>
/// One streaming request in flight: sends it, then turns SSE events into chunks one at a time.
/// Every failure leaves here as a <see cref="CompletionException"/> (or OperationCanceledException
/// when the caller cancelled); disposing aborts the HTTP request if the stream is not finished.
/// </summary>
internal sealed class RemoteCompletionCall : IAsyncDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <summary>Most bytes read after [DONE] to reuse the connection; a server still talking gets its connection closed.</summary>
    private const int MaxDrainBytes = 64 * 1024;

    /// <summary>Bytes of a non-stream body decoded for its excerpt.</summary>
    private const int ExcerptSourceBytes = 16 * 1024;

    private readonly RemoteEndpoint _endpoint;
    private readonly string _url;
    private readonly CancellationToken _callerToken;
    private readonly RequestTimeouts _timeouts;
    private readonly EventTokenCounter _tokens = new();
    private HttpResponseMessage? _response;
    private Stream? _body;
    private SseEventReader? _reader;
    private string? _finishReason;
    private int? _promptTokens;
    private int? _completionTokens;
    private int? _cachedPromptTokens;
    private bool _finished;

    private RemoteCompletionCall(RemoteEndpoint endpoint, string url, CancellationToken callerToken)
    {
        _endpoint = endpoint;
        _url = url;
        _callerToken = callerToken;
        _timeouts = new RequestTimeouts(endpoint.Options, callerToken);
    }

    public static async Task<RemoteCompletionCall> StartAsync(
        EndpointConnections connections, RemoteEndpoint endpoint, CompletionRequest request, bool chat, CancellationToken cancellationToken)
    {
        var body = RequestBodyWriter.Write(request, chat, endpoint.Options);
        var call = new RemoteCompletionCall(endpoint, chat ? endpoint.ChatDisplay : endpoint.CompletionsDisplay, cancellationToken);
        try
        {
            await call.SendAsync(connections, chat ? endpoint.ChatUrl : endpoint.CompletionsUrl, body).ConfigureAwait(false);
            return call;
        }
        catch
        {
            await call.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task SendAsync(EndpointConnections connections, Uri url, byte[] body)
    {
        try
        {
            _response = await SendOnceOrOnFreshConnectionAsync(connections, url, body).ConfigureAwait(false);
            if (!_response.IsSuccessStatusCode)
                throw await HttpErrorTranslator.FromStatusAsync(_response, _endpoint, _url, _timeouts.Token).ConfigureAwait(false);
            var mediaType = _response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not null && !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
                throw await NotStreamingAsync(mediaType).ConfigureAwait(false);
            _body = await _response.Content.ReadAsStreamAsync(_timeouts.Token).ConfigureAwait(false);
            _reader = new SseEventReader(_body, _endpoint.Options.MaxEventBytes, _endpoint.Options.MaxEventsPerRequest);
        }
        catch (Exception e) when (e is not CompletionException)
        {
            throw Translate(e);
        }
    }

    /// <summary>
    /// Sends the request; if a pooled connection turns out to have been closed by the server before any response byte
    /// (llama-server closes a kept-alive connection after each streamed response), sends it once more on a connection
    /// of its own, and the endpoint's later requests too (<see cref="EndpointConnections"/>). A retry on another pooled
    /// connection could meet the same fate. The server closed the connection without answering, so the request did not
    /// run there.
    /// </summary>
    private async Task<HttpResponseMessage> SendOnceOrOnFreshConnectionAsync(EndpointConnections connections, Uri url, byte[] body)
    {
        var client = connections.Next;
        while (true)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } },
            };
            message.Headers.Accept.ParseAdd("text/event-stream");
            _endpoint.Key.ApplyTo(message.Headers);
            try
            {
                return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, _timeouts.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded
                                                 && connections.MayHaveReused(client) && !_timeouts.Token.IsCancellationRequested)
            {
                client = connections.AfterLostConnection();
            }
        }
    }

    private async Task<CompletionException> NotStreamingAsync(string mediaType)
    {
        var limit = _endpoint.Options.MaxBodyBytes;
        var (body, complete) = await BoundedBody.ReadAsync(_response!.Content, limit, _timeouts.Token).ConfigureAwait(false);
        // Only an excerpt is shown; a head far longer than any key is scrubbed, so a key cut at the excerpt's end cannot show.
        var head = System.Text.Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, ExcerptSourceBytes)]);
        var excerpt = SseEventReader.Excerpt(System.Text.Encoding.UTF8.GetBytes(_endpoint.Key.Scrub(head)));
        var size = complete ? $"{body.Length} bytes" : $"more than {limit} bytes (max_body_bytes; the rest was not read)";
        return new CompletionException(
            $"POST {_url} answered {mediaType} of {size} instead of an event stream (text/event-stream): \"{excerpt}\". "
            + "The server ignored \"stream\": true, or base_url points at something that is not an OpenAI-compatible API.",
            CompletionFailureKind.MalformedResponse, (int)_response.StatusCode);
    }

    /// <summary>The next chunk, or null after the final one.</summary>
    public async ValueTask<CompletionChunk?> NextAsync()
    {
        if (_finished)
            return null;
        try
        {
            while (await _reader!.ReadAsync(_timeouts.Token).ConfigureAwait(false))
            {
                _timeouts.MarkEvent(_reader.ArrivalNs);
                var e = StreamEventParser.Parse(_reader.Data.Span);
                if (e.IsDone)
                    return Finish(_reader.ArrivalNs);
                if (e.IsError)
                    throw StreamError(e);
                if (e.HasUsage && e.CompletionTokens is not null)
                {
                    _promptTokens = e.PromptTokens ?? _promptTokens;
                    _completionTokens = e.CompletionTokens;
                }
                _cachedPromptTokens = e.CachedTokens ?? _cachedPromptTokens;
                _finishReason = e.FinishReason ?? _finishReason;
                var (tokens, exact) = _tokens.Count(e);
                if (tokens > 0 || e.HasText)
                    return StreamChunk.Create(e, _reader.ArrivalNs, tokens, exact);
            }
            // No [DONE]: accept the end of the stream only after the server said why it stopped.
            if (_finishReason is not null)
                return Finish(MonotonicClock.NowNs());
            throw new CompletionException(
                $"The stream from {_url} ended early, after {_reader.EventCount} events and {_tokens.Total} tokens, without a finish_reason or [DONE]. "
                + "The server may have crashed or a proxy cut the connection; check the server's log.",
                CompletionFailureKind.ServerError);
        }
        catch (Exception e) when (e is not CompletionException)
        {
            throw Translate(e);
        }
    }

    private CompletionChunk Finish(long timestampNs)
    {
        _finished = true;
        return new CompletionChunk
        {
            TimestampNs = timestampNs,
            IsFinal = true,
            PromptTokens = _promptTokens,
            CompletionTokens = _completionTokens,
            CachedPromptTokens = _cachedPromptTokens,
            FinishReason = _finishReason,
        };
    }

    private CompletionException StreamError(in StreamEvent e)
    {
        var message = _endpoint.Key.Scrub(e.ErrorMessage ?? "(no message)");
        if (message.Length > HttpErrorTranslator.MaxServerMessageChars)
            message = message[..HttpErrorTranslator.MaxServerMessageChars] + "…";
        return new CompletionException(
            $"The server reported an error in the stream from {_url} after {_tokens.Total} tokens: {message}",
            CompletionFailureKind.ServerError, e.ErrorCode);
    }

    private Exception Translate(Exception e)
    {
        if (e is OperationCanceledException && _callerToken.IsCancellationRequested)
            return new OperationCanceledException("The request was cancelled by the caller.", e, _callerToken);
        if (e is OperationCanceledException && _timeouts.Expired is { } expired)
            return TimedOut(expired, e);
        if (HttpErrorTranslator.Find<TimeoutException>(e) is not null && _response is null)
            return TimedOut(TimeoutKind.Connect, e);
        if (e is StreamLimitException limit)
        {
            return new CompletionException(
                $"The stream from {_url} went past a limit after {_reader?.EventCount ?? 0} events and {_tokens.Total} tokens: {limit.What} "
                + $"({limit.Option} = {limit.Limit}). Reading stopped and the connection was closed. Raise {limit.Option} for this endpoint "
                + "if the server really sends this much, or check that base_url points at an OpenAI-compatible server.",
                CompletionFailureKind.MalformedResponse, inner: e);
        }
        if (e is SseFormatException format)
        {
            return new CompletionException(
                $"The stream from {_url} is not valid OpenAI-compatible SSE: {format.Problem}: \"{_endpoint.Key.Scrub(format.Excerpt)}\" "
                + $"(event {_reader?.EventCount}). Check that base_url points at an OpenAI-compatible server.",
                CompletionFailureKind.MalformedResponse, inner: e);
        }
        if (e is HttpRequestException request && _response is null)
            return HttpErrorTranslator.FromConnectionFailure(request, _endpoint, _url);
        if (e is IOException or HttpRequestException)
        {
            return new CompletionException(
                $"The stream from {_url} broke after {_reader?.EventCount ?? 0} events and {_tokens.Total} tokens: {_endpoint.Key.Scrub(e.Message)} "
                + "The server may have crashed or a proxy cut the connection; check the server's log.",
                CompletionFailureKind.ServerError, inner: e);
        }
        return e;
    }

    private CompletionException TimedOut(TimeoutKind kind, Exception inner)
    {
        var (value, option) = _timeouts.Describe(kind);
        var (what, advice) = kind switch
        {
            TimeoutKind.Connect => ("no connection could be opened",
                "Check that the host is reachable from this worker (address, port, firewall), or raise connect_timeout for a distant endpoint."),
            TimeoutKind.FirstEvent => ("no first event arrived",
                $"Raise {option} if the server is merely slow (long prompts, a busy queue), or check that it is still serving."),
            TimeoutKind.Idle => ($"no next event arrived after {_reader?.EventCount ?? 0} events and {_tokens.Total} tokens",
                $"Raise {option} if the server pauses between tokens (preemption, a busy batch), or check that it is still generating."),
            _ => ($"the request did not finish (it had {_tokens.Total} tokens)",
                $"Raise {option} for long outputs, or lower max_tokens."),
        };
        return new CompletionException($"Timeout on {_url}: {what} within {option} = {value.TotalSeconds:0.###} s. {advice}",
            CompletionFailureKind.Timeout, inner: inner);
    }

    public async ValueTask DisposeAsync()
    {
        if (_finished && _reader is not null)
            await DrainQuietlyAsync(_reader).ConfigureAwait(false);
        _reader?.Dispose();
        // Disposing the body before its end aborts the connection: the server sees the client go away.
        _body?.Dispose();
        _response?.Dispose();
        _timeouts.Dispose();
    }

    private async ValueTask DrainQuietlyAsync(SseEventReader reader)
    {
        try
        {
            await reader.DrainAsync(MaxDrainBytes, _timeouts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            // The request is complete; a connection that cannot be reused is simply closed.
        }
    }
}
