using System.Globalization;

namespace BenchCluster.LoadGenBench.ServingParity;

/// <summary>
/// The two servers' command lines, set to do the same work: same model, threads (generation and batch), slots,
/// total context (so the same context per slot), n_batch 2048 and n_ubatch 512 (both servers' defaults, spelled out),
/// flash attention auto, F16 KV cache, one KV buffer per slot (llama-server unifies it only when -np is auto), and no
/// prompt cache (llama-server's --cache-ram 0 and requests send cache_prompt: false; serve's --no-cache-prompt).
/// </summary>
internal static class ServerCommandLines
{
    /// <summary>The model id both servers answer to.</summary>
    public const string ModelName = "parity";

    public static IReadOnlyList<string> Serve(ParitySettings s, int port) =>
    [
        "serve", "--model", s.ModelPath, "--host", "127.0.0.1", "--port", Text(port),
        "--slots", Text(s.Slots), "--ctx", Text(s.TotalContext), "--threads", Text(s.Threads), "--model-name", ModelName,
        "--no-cache-prompt",
    ];

    public static IReadOnlyList<string> LlamaServer(ParitySettings s, int port) =>
    [
        "-m", s.ModelPath, "--host", "127.0.0.1", "--port", Text(port), "--alias", ModelName,
        "-np", Text(s.Slots), "-c", Text(s.TotalContext), "-t", Text(s.Threads), "-tb", Text(s.Threads),
        "-b", "2048", "-ub", "512", "-fa", "auto", "-ctk", "f16", "-ctv", "f16", "--no-kv-unified",
        "--poll", "50", "--cache-ram", "0", "--no-webui",
    ];

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
