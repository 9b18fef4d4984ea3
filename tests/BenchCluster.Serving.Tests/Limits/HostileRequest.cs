using System.Net;
using System.Text;

namespace BenchCluster.Serving.Tests.Limits;

/// <summary>One hostile or broken request and the answer it must get.</summary>
/// <param name="Param">The field the error must name; null where the error concerns the body as a whole.</param>
internal sealed record HostileRequest(string Name, string Path, byte[] Body, HttpStatusCode Expected, string? Param)
{
    public override string ToString() => Name;

    /// <summary>The catalogue, for a server whose requests hold at most <paramref name="context"/> tokens.</summary>
    public static IReadOnlyList<HostileRequest> Catalogue(int context, string longTextPrompt)
    {
        var tooManyIds = string.Join(',', Enumerable.Repeat(1, context + 1));
        var manyStops = string.Join(',', Enumerable.Repeat("\"s\"", 100_000));
        var manyMessages = string.Join(',', Enumerable.Repeat("""{"role":"user","content":"x"}""", 5000));
        var manyParts = string.Join(',', Enumerable.Repeat("""{"type":"text","text":"x"}""", 300));
        var megabyteString = new string('9', 600_000);
        return
        [
            Completion("text prompt longer than the context", $$"""{"prompt":"{{longTextPrompt}}","max_tokens":4}""", null),
            Completion("streamed text prompt longer than the context", $$"""{"prompt":"{{longTextPrompt}}","max_tokens":4,"stream":true}""", null),
            Chat("chat longer than the context", $$"""{"messages":[{"role":"user","content":"{{longTextPrompt}}"}],"max_tokens":4}""", null),
            Completion("token-id prompt longer than the context", $$"""{"prompt":[{{tooManyIds}}],"max_tokens":4}""", "prompt"),
            Completion("token id outside the vocabulary", """{"prompt":[2000000000],"max_tokens":4}""", null),
            Completion("negative token id", """{"prompt":[-1],"max_tokens":4}""", "prompt"),
            Completion("fractional token id", """{"prompt":[1.5],"max_tokens":4}""", "prompt"),
            Completion("prompt of a string and a number", """{"prompt":["a",1],"max_tokens":4}""", "prompt"),
            Completion("max_tokens above the context", $$"""{"prompt":"p","max_tokens":{{context + 1}}}""", "max_tokens"),
            Completion("max_tokens of 2^31", """{"prompt":"p","max_tokens":2147483648}""", "max_tokens"),
            Completion("max_tokens of 1e30", """{"prompt":"p","max_tokens":1e30}""", "max_tokens"),
            Completion("max_tokens of -1", """{"prompt":"p","max_tokens":-1}""", "max_tokens"),
            Completion("max_tokens as a 600 kB number string", $$"""{"prompt":"p","max_tokens":"{{megabyteString}}"}""", "max_tokens"),
            Completion("max_tokens as a 600 kB number", $$"""{"prompt":"p","max_tokens":{{megabyteString}}}""", "max_tokens"),
            Completion("max_completion_tokens of a billion", """{"prompt":"p","max_completion_tokens":1000000000}""", "max_completion_tokens"),
            Completion("n_predict of a million", """{"prompt":"p","n_predict":1000000}""", "n_predict"),
            Completion("min_tokens of a billion", """{"prompt":"p","max_tokens":4,"min_tokens":1000000000}""", "min_tokens"),
            Completion("n of a billion", """{"prompt":"p","n":1000000000}""", "n"),
            Completion("best_of of 5", """{"prompt":"p","best_of":5}""", "best_of"),
            Completion("100,000 stop sequences", $$"""{"prompt":"p","stop":[{{manyStops}}]}""", "stop"),
            Completion("stop as a number", """{"prompt":"p","stop":7}""", "stop"),
            Completion("seed of -1", """{"prompt":"p","seed":-1}""", "seed"),
            Completion("top_k of -2", """{"prompt":"p","temperature":1,"top_k":-2}""", "top_k"),
            Completion("temperature of 1e400", """{"prompt":"p","temperature":1e400}""", "temperature"),
            Completion("include_usage as a string", """{"prompt":"p","stream":true,"stream_options":{"include_usage":"yes"}}""", "stream_options.include_usage"),
            Completion("model as a number", """{"model":12,"prompt":"p"}""", "model"),
            new("a 600 kB model name", "completions", Encoding.UTF8.GetBytes($$"""{"model":"{{megabyteString}}","prompt":"p"}"""), HttpStatusCode.NotFound, "model"),
            Chat("5,000 messages", $$"""{"messages":[{{manyMessages}}]}""", "messages"),
            Chat("300 content parts", $$"""{"messages":[{"role":"user","content":[{{manyParts}}]}]}""", "messages[0].content"),
            Chat("content part whose type is a number", """{"messages":[{"role":"user","content":[{"type":7,"text":"x"}]}]}""", "messages[0].content"),
            Chat("role as a number", """{"messages":[{"role":5,"content":"x"}]}""", "messages[0]"),
            Completion("10,000 nested arrays", "{\"prompt\":" + new string('[', 10_000) + new string(']', 10_000) + "}", null),
            Completion("10,000 nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000), null),
            Completion("an array body", "[]", null),
            Completion("a null body", "null", null),
            Completion("an empty body", "", null),
            Completion("a string body", "\"prompt\"", null),
            new("invalid UTF-8", "completions", [.. "{\"prompt\":\""u8, 0xFF, 0xFE, 0xC0, .. "\"}"u8], HttpStatusCode.BadRequest, null),
            Completion("a lone UTF-16 surrogate", """{"prompt":"\ud800"}""", null),
            Chat("a lone UTF-16 surrogate in a message", """{"messages":[{"role":"user","content":"\udc00x"}]}""", null),
        ];
    }

    private static HostileRequest Completion(string name, string json, string? param) =>
        new(name, "completions", Encoding.UTF8.GetBytes(json), HttpStatusCode.BadRequest, param);

    private static HostileRequest Chat(string name, string json, string? param) =>
        new(name, "chat/completions", Encoding.UTF8.GetBytes(json), HttpStatusCode.BadRequest, param);
}
