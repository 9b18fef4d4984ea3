using System.Text.Json;

namespace BenchCluster.Remote;

/// <summary>
/// Reads the fields BenchCluster needs from one streamed JSON payload with a forward-only
/// <see cref="Utf8JsonReader"/>, skipping everything else (ids, logprobs, system fingerprints).
/// </summary>
internal static class StreamEventParser
{
    public static StreamEvent Parse(ReadOnlySpan<byte> payload)
    {
        var result = new StreamEvent();
        var trimmed = payload.Trim(" \t\r\n"u8);
        if (trimmed.SequenceEqual("[DONE]"u8))
        {
            result.IsDone = true;
            return result;
        }
        try
        {
            var reader = new Utf8JsonReader(trimmed, isFinalBlock: true, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new SseFormatException("an event whose data is not a JSON object", SseEventReader.Excerpt(trimmed));
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("choices"u8))
                    ReadChoices(ref reader, ref result);
                else if (reader.ValueTextEquals("usage"u8))
                    ReadUsage(ref reader, ref result);
                else if (reader.ValueTextEquals("timings"u8))
                    ReadTimings(ref reader, ref result);
                else if (reader.ValueTextEquals("benchcluster"u8))
                    ReadBenchCluster(ref reader, ref result);
                else if (reader.ValueTextEquals("error"u8))
                    ReadError(ref reader, ref result);
                else
                    SkipValue(ref reader);
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new SseFormatException("an event whose data is not valid JSON of the expected shape", SseEventReader.Excerpt(trimmed), e);
        }
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static bool EnterObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
            return true;
        reader.Skip(); // null, or a shape we do not read
        return false;
    }

    private static void ReadChoices(ref Utf8JsonReader reader, ref StreamEvent result)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // n = 1 is always requested: only the first choice is read.
            if (first && reader.TokenType == JsonTokenType.StartObject)
            {
                result.HasChoice = true;
                ReadChoice(ref reader, ref result);
            }
            else
            {
                reader.Skip();
            }
            first = false;
        }
    }

    private static void ReadChoice(ref Utf8JsonReader reader, ref StreamEvent result)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
                result.Text = ReadString(ref reader) ?? result.Text;
            else if (reader.ValueTextEquals("finish_reason"u8))
                result.FinishReason = ReadString(ref reader);
            else if (reader.ValueTextEquals("delta"u8))
                ReadDelta(ref reader, ref result);
            else
                SkipValue(ref reader);
        }
    }

    private static void ReadDelta(ref Utf8JsonReader reader, ref StreamEvent result) =>
        ReadObject(ref reader, ref result, static (ref Utf8JsonReader r, ref StreamEvent e) =>
        {
            // Reasoning models stream their thinking as reasoning_content (llama-server, vLLM) or reasoning (newer vLLM).
            if (r.ValueTextEquals("content"u8))
            {
                e.Text = Append(e.Text, ReadString(ref r));
                return true;
            }
            if (!r.ValueTextEquals("reasoning_content"u8) && !r.ValueTextEquals("reasoning"u8))
                return false;
            // Present even when empty: benchcluster serve marks the think markers' own tokens as reasoning this way.
            if (ReadString(ref r) is { } reasoning)
                e.ReasoningText = (e.ReasoningText ?? "") + reasoning;
            return true;
        });

    private static string? Append(string? soFar, string? text) =>
        string.IsNullOrEmpty(text) ? soFar : soFar is null ? text : soFar + text;

    /// <summary>Reads one member of an object; false leaves the value to be skipped.</summary>
    private delegate bool MemberReader(ref Utf8JsonReader reader, ref StreamEvent result);

    /// <summary>Reads an object's members with <paramref name="member"/>; false when the value was null or not an object.</summary>
    private static bool ReadObject(ref Utf8JsonReader reader, ref StreamEvent result, MemberReader member)
    {
        if (!EnterObject(ref reader))
            return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!member(ref reader, ref result))
                SkipValue(ref reader);
        }
        return true;
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ref StreamEvent result) =>
        result.HasUsage |= ReadObject(ref reader, ref result, static (ref Utf8JsonReader r, ref StreamEvent e) =>
        {
            if (r.ValueTextEquals("prompt_tokens"u8))
                e.PromptTokens = ReadInt(ref r);
            else if (r.ValueTextEquals("completion_tokens"u8))
                e.CompletionTokens = ReadInt(ref r);
            else if (r.ValueTextEquals("prompt_tokens_details"u8))
                ReadObject(ref r, ref e, static (ref Utf8JsonReader d, ref StreamEvent de) =>
                {
                    if (!d.ValueTextEquals("cached_tokens"u8))
                        return false;
                    de.CachedTokens = ReadInt(ref d) ?? de.CachedTokens;
                    return true;
                });
            else
                return false;
            return true;
        });

    private static void ReadTimings(ref Utf8JsonReader reader, ref StreamEvent result) =>
        ReadObject(ref reader, ref result, static (ref Utf8JsonReader r, ref StreamEvent e) =>
        {
            if (r.ValueTextEquals("predicted_n"u8))
                e.PredictedTokens = ReadInt(ref r);
            else if (r.ValueTextEquals("cache_n"u8))
                e.CachedTokens ??= ReadInt(ref r); // the usage's count wins when both came in one event
            else
                return false;
            return true;
        });

    private static void ReadBenchCluster(ref Utf8JsonReader reader, ref StreamEvent result) =>
        ReadObject(ref reader, ref result, static (ref Utf8JsonReader r, ref StreamEvent e) =>
        {
            if (r.ValueTextEquals("tokens"u8))
                e.ReportedTokens = ReadInt(ref r);
            else if (r.ValueTextEquals("produced_ns"u8))
                e.ProducedNs = ReadLong(ref r);
            else
                return false;
            return true;
        });

    private static void ReadError(ref Utf8JsonReader reader, ref StreamEvent result)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return;
        result.IsError = true;
        if (reader.TokenType == JsonTokenType.String)
        {
            result.ErrorMessage = reader.GetString();
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message"u8))
                result.ErrorMessage = ReadString(ref reader);
            else if (reader.ValueTextEquals("code"u8))
                result.ErrorCode = ReadLooseInt(ref reader);
            else
                SkipValue(ref reader);
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
            return reader.GetString();
        reader.Skip();
        return null;
    }

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        var value = ReadLong(ref reader);
        return value is null ? null : checked((int)value.Value);
    }

    private static long? ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number)
            return reader.GetInt64();
        reader.Skip();
        return null;
    }

    /// <summary>Error codes are numbers on some servers and strings ("rate_limit_exceeded") on others.</summary>
    private static int? ReadLooseInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code))
            return code;
        reader.Skip();
        return null;
    }
}
