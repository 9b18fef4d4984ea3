using System.Text;

namespace BenchCluster.Measurement.Workloads;

/// <summary>
/// Builds prompts of a target length from the bundled prompt set. With a tokenizer the prompt is a window of
/// exactly N corpus tokens; without one (remote endpoints) it is text of about N tokens, estimated at
/// <see cref="CharactersPerTokenEstimate"/> characters per token, and the server's usage count is authoritative.
/// Text prompts start with a unique tag so no two requests share a prefix a server could cache.
/// </summary>
public sealed class PromptFactory
{
    /// <summary>English text averages about four characters per BPE token.</summary>
    public const double CharactersPerTokenEstimate = 4.0;

    private readonly IReadOnlyList<string> _passages;
    private readonly int[]? _corpusTokens;

    private PromptFactory(IReadOnlyList<string> passages, int[]? corpusTokens)
    {
        _passages = passages;
        _corpusTokens = corpusTokens;
    }

    public bool ProducesTokens => _corpusTokens is not null;

    public static PromptFactory ForText() => new(PromptCorpus.Passages, null);

    /// <summary>Tokenizes the prompt set once; every prompt is then a slice of it.</summary>
    public static async Task<PromptFactory> ForTokensAsync(IPromptTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var tokens = await tokenizer.TokenizeAsync(string.Join('\n', PromptCorpus.Passages), cancellationToken);
        if (tokens.Length == 0)
            throw new InvalidOperationException("The tokenizer returned no tokens for the bundled prompt set; check the model's vocabulary.");
        return new PromptFactory(PromptCorpus.Passages, tokens);
    }

    public PlannedPrompt Build(int targetTokens, Random random, string uniqueTag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetTokens);
        return _corpusTokens is { } corpus ? BuildTokens(corpus, targetTokens, random) : BuildText(targetTokens, random, uniqueTag);
    }

    private static PlannedPrompt BuildTokens(int[] corpus, int targetTokens, Random random)
    {
        var tokens = new int[targetTokens];
        var start = random.Next(corpus.Length);
        for (var i = 0; i < targetTokens; i++)
            tokens[i] = corpus[(start + i) % corpus.Length];
        return new PlannedPrompt(null, tokens, targetTokens);
    }

    private PlannedPrompt BuildText(int targetTokens, Random random, string uniqueTag)
    {
        var targetChars = (int)Math.Round(targetTokens * CharactersPerTokenEstimate);
        var text = new StringBuilder(targetChars + 64).Append('[').Append(uniqueTag).Append("] ");
        var passage = random.Next(_passages.Count);
        while (text.Length < targetChars)
        {
            text.Append(_passages[passage]).Append(' ');
            passage = (passage + 1) % _passages.Count;
        }
        var full = text.ToString();
        if (full.Length <= targetChars)
            return new PlannedPrompt(full.TrimEnd(), null, targetTokens);
        // Cut at a word boundary, never into the tag.
        var tagLength = uniqueTag.Length + 2;
        var cut = full.LastIndexOf(' ', targetChars);
        var prompt = cut > tagLength ? full[..cut] : full[..Math.Max(targetChars, tagLength)];
        return new PlannedPrompt(prompt, null, targetTokens);
    }
}
