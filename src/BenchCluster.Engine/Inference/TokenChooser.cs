using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Inference;

/// <summary>
/// Picks the next token of one sequence. Greedy and Temperature run a seeded llama_sampler chain over the logits;
/// None (llama-bench's tg) leaves the logits unread and draws a token from a seeded generator, so tiny models are
/// timed on the forward pass rather than on sampling over a large vocabulary.
/// </summary>
internal sealed class TokenChooser : IDisposable
{
    private readonly SafeLlamaSamplerHandle? _chain;
    private readonly Random? _random;
    private readonly int _vocabularySize;

    public TokenChooser(SamplingOptions options, uint seed, int vocabularySize)
    {
        _vocabularySize = vocabularySize;
        if (options.Mode == SamplingMode.None)
        {
            _random = new Random(unchecked((int)seed));
            return;
        }

        _chain = LlamaNative.llama_sampler_chain_init(LlamaNative.llama_sampler_chain_default_params());
        if (options.Mode == SamplingMode.Temperature)
        {
            LlamaNative.llama_sampler_chain_add(_chain, LlamaNative.llama_sampler_init_top_k(options.TopK));
            LlamaNative.llama_sampler_chain_add(_chain, LlamaNative.llama_sampler_init_temp(options.Temperature));
            LlamaNative.llama_sampler_chain_add(_chain, LlamaNative.llama_sampler_init_dist(seed));
        }
        else
        {
            LlamaNative.llama_sampler_chain_add(_chain, LlamaNative.llama_sampler_init_greedy());
        }
    }

    /// <summary>The token for the logits of batch entry <paramref name="outputIndex"/> of the last decode.</summary>
    public int Choose(SafeLlamaContextHandle context, int outputIndex) =>
        _chain is null ? _random!.Next(_vocabularySize) : LlamaNative.llama_sampler_sample(_chain, context, outputIndex);

    public void Dispose() => _chain?.Dispose();
}
