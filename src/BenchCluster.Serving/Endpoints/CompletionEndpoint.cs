using System.Text;
using System.Text.Json;
using BenchCluster.Engine.Completions;
using BenchCluster.Serving.Requests;
using BenchCluster.Serving.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Serving.Endpoints;

/// <summary>POST /v1/completions and /v1/chat/completions over one <see cref="ICompletionBackend"/>.</summary>
internal sealed class CompletionEndpoint(ICompletionBackend backend, OpenAiServerOptions options, AdmissionGate gate, ILogger logger)
{
    public async Task HandleAsync(HttpContext context, bool chat)
    {
        if (!gate.TryEnter())
        {
            await JsonResponses.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "server_overloaded",
                $"The server is at its limit of {gate.Limit} concurrent requests (its slots plus its queue, serve --max-queue); retry after the Retry-After seconds.", null).ConfigureAwait(false);
            return;
        }
        try
        {
            var request = await ReadRequestAsync(context, chat).ConfigureAwait(false);
            if (request is null)
                return;
            if (request.Stream)
                await StreamAsync(context, request).ConfigureAwait(false);
            else
                await CompleteAsync(context, request).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; the backend request was cancelled with it.
        }
        finally
        {
            gate.Exit();
        }
    }

    private async Task<ServedRequest?> ReadRequestAsync(HttpContext context, bool chat)
    {
        try
        {
            if (context.Request.ContentLength > options.MaxRequestBodyBytes)
            {
                await WriteBodyTooLargeAsync(context, context.Request.ContentLength).ConfigureAwait(false);
                return null;
            }
            using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            return RequestParser.Parse(body.RootElement, chat, options);
        }
        catch (JsonException e)
        {
            await JsonResponses.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request_error",
                $"The request body is not valid JSON: {e.Message}", null).ConfigureAwait(false);
        }
        catch (RequestValidationException e)
        {
            await JsonResponses.WriteErrorAsync(context, e.StatusCode, e.Code, e.Message, e.Param).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel counted a chunked body past the limit while JsonDocument read it: nothing beyond the limit was buffered.
            await WriteBodyTooLargeAsync(context, declaredBytes: null).ConfigureAwait(false);
        }
        return null;
    }

    private Task WriteBodyTooLargeAsync(HttpContext context, long? declaredBytes)
    {
        var what = declaredBytes is { } bytes ? $"has {bytes} bytes, more than" : "is longer than";
        // The rest of the body is not read: the connection closes after this answer.
        context.Response.Headers.Connection = "close";
        return JsonResponses.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "invalid_request_error",
            $"The request body {what} the limit of {options.MaxRequestBodyBytes} bytes (serve --max-body-bytes). "
            + "Send a shorter prompt, or start the server with a larger limit.", null);
    }

    private async Task StreamAsync(HttpContext context, ServedRequest request)
    {
        var aborted = context.RequestAborted;
        await using var chunks = backend.StreamAsync(request.Completion, aborted).GetAsyncEnumerator(aborted);
        // The first chunk is awaited before the headers go out, so a request the backend refuses gets a real status code.
        var step = await NextAsync(context, chunks, started: null).ConfigureAwait(false);
        if (step == Step.Failed)
            return;
        var identity = CompletionIdentity.Create(request.IsChat, options.ModelName);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var writer = new SseChunkWriter(context.Response.BodyWriter, identity);
        if (request.IsChat)
            writer.WriteRole();
        var tokens = 0;
        CompletionChunk? final = null;
        while (step == Step.Chunk)
        {
            var chunk = chunks.Current;
            if (chunk.TokenCount > 0 || chunk.Text.Length > 0)
            {
                tokens += chunk.TokenCount;
                writer.WriteToken(chunk, asReasoning: options.StreamReasoning && chunk.ReasoningTokenCount > 0);
            }
            if (chunk.IsFinal)
            {
                // The last token leaves with the finish, usage and [DONE] events below and the end of the response, in one write.
                final = chunk;
                break;
            }
            await writer.FlushAsync(aborted).ConfigureAwait(false);
            step = await NextAsync(context, chunks, writer).ConfigureAwait(false);
        }
        if (step == Step.Failed)
            return;
        writer.WriteFinish(FinishReason(final, tokens, request));
        if (request.IncludeUsage)
            writer.WriteUsage(final?.PromptTokens, final?.CompletionTokens ?? tokens, final?.CachedPromptTokens);
        writer.WriteDone();
        // Sends the buffered end events and the chunked terminator together: the client sees the end of the response at once.
        await context.Response.CompleteAsync().ConfigureAwait(false);
    }

    private enum Step { Chunk, End, Failed }

    /// <summary>
    /// Moves to the next chunk; a backend failure is answered (an error status before the stream starts,
    /// an error event after) and ends the response.
    /// </summary>
    private async Task<Step> NextAsync(HttpContext context, IAsyncEnumerator<CompletionChunk> chunks, SseChunkWriter? started)
    {
        Exception failure;
        try
        {
            return await chunks.MoveNextAsync().ConfigureAwait(false) ? Step.Chunk : Step.End;
        }
        catch (CompletionException e)
        {
            failure = e;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = e;
        }
        var (status, type) = failure is CompletionException completion
            ? BackendFailure.Classify(completion)
            : (StatusCodes.Status500InternalServerError, "server_error");
        var message = failure is CompletionException ? failure.Message : $"Internal error in the backend: {failure.GetType().Name}: {failure.Message}";
        logger.LogWarning("Completion request failed with {Status}: {Message}", status, message);
        if (started is null)
            await JsonResponses.WriteErrorAsync(context, status, type, message, null).ConfigureAwait(false);
        else
            await started.WriteErrorAsync(status, type, message, context.RequestAborted).ConfigureAwait(false);
        return Step.Failed;
    }

    private async Task CompleteAsync(HttpContext context, ServedRequest request)
    {
        var aborted = context.RequestAborted;
        await using var chunks = backend.StreamAsync(request.Completion, aborted).GetAsyncEnumerator(aborted);
        var text = new StringBuilder();
        var tokens = 0;
        CompletionChunk? final = null;
        Step step;
        while ((step = await NextAsync(context, chunks, started: null).ConfigureAwait(false)) == Step.Chunk)
        {
            var chunk = chunks.Current;
            text.Append(chunk.Text);
            tokens += chunk.TokenCount;
            if (chunk.IsFinal)
            {
                final = chunk;
                break;
            }
        }
        if (step == Step.Failed)
            return;
        var identity = CompletionIdentity.Create(request.IsChat, options.ModelName);
        await JsonResponses.WriteCompletionAsync(context, identity, text.ToString(), FinishReason(final, tokens, request),
            final?.PromptTokens, final?.CompletionTokens ?? tokens, final?.CachedPromptTokens).ConfigureAwait(false);
    }

    /// <summary>The backend's reason, else "length" when max_tokens were produced and "stop" otherwise.</summary>
    private static string FinishReason(CompletionChunk? final, int tokens, ServedRequest request) =>
        final?.FinishReason ?? (tokens >= request.Completion.MaxTokens ? "length" : "stop");
}
