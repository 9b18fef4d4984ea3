using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using BenchCluster.Engine.Completions;
using BenchCluster.Serving.Responses;

namespace BenchCluster.Serving.Tests.Responses;

/// <summary>What leaves the response pipe when: each token at its flush, the end of a stream in one write.</summary>
public sealed class SseChunkWriterTests
{
    [Fact]
    public async Task A_token_leaves_at_its_flush_and_the_last_token_finish_usage_and_done_leave_together_at_completion()
    {
        var pipe = new Pipe();
        using var writer = new SseChunkWriter(pipe.Writer, CompletionIdentity.Create(chat: false, "m"));

        writer.WriteToken(new CompletionChunk { TimestampNs = 1, Text = "a", TokenCount = 1 });
        Assert.False(pipe.Reader.TryRead(out _)); // nothing is sent before the flush
        await writer.FlushAsync(CancellationToken.None);
        Assert.Equal(1, CountEvents(await ReadAllAvailableAsync(pipe.Reader)));

        writer.WriteToken(new CompletionChunk { TimestampNs = 2, Text = "b", TokenCount = 1, IsFinal = true, FinishReason = "length" });
        writer.WriteFinish("length");
        writer.WriteUsage(promptTokens: 3, completionTokens: 2);
        writer.WriteDone();
        Assert.False(pipe.Reader.TryRead(out _)); // the end of the stream waits for the response to complete
        await pipe.Writer.CompleteAsync();

        var end = await ReadAllAvailableAsync(pipe.Reader);
        Assert.Equal(4, CountEvents(end));
        Assert.Contains("\"text\":\"b\"", end, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"length\"", end, StringComparison.Ordinal);
        Assert.Contains("\"completion_tokens\":2", end, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", end, StringComparison.Ordinal);
    }

    private static async Task<string> ReadAllAvailableAsync(PipeReader reader)
    {
        var result = await reader.ReadAsync();
        var text = Encoding.UTF8.GetString(result.Buffer.ToArray());
        reader.AdvanceTo(result.Buffer.End);
        return text;
    }

    private static int CountEvents(string text) => text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length;
}
