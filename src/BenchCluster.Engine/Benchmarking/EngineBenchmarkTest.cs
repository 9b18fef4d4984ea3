using System.Globalization;
using System.Text.RegularExpressions;

namespace BenchCluster.Engine.Benchmarking;

/// <summary>
/// One llama-bench-style test: <see cref="PromptTokens"/> decoded as a prompt, then <see cref="GenerateTokens"/>
/// generated one decode at a time, in <see cref="Sequences"/> parallel sequences (1 = llama-bench, more = llama-batched-bench).
/// </summary>
public sealed partial record EngineBenchmarkTest(int PromptTokens, int GenerateTokens, int Sequences = 1)
{
    /// <summary>llama-bench's names: "pp512", "tg128", "pp512+tg128"; batched runs add "x8" (sequences).</summary>
    public string Name
    {
        get
        {
            var name = (PromptTokens, GenerateTokens) switch
            {
                ( > 0, 0) => $"pp{PromptTokens}",
                (0, > 0) => $"tg{GenerateTokens}",
                _ => $"pp{PromptTokens}+tg{GenerateTokens}",
            };
            return Sequences > 1 ? $"{name} x{Sequences.ToString(CultureInfo.InvariantCulture)}" : name;
        }
    }

    /// <summary>KV cells the test needs, as llama-bench (n_prompt + n_gen) and llama-batched-bench (pl × (pp + tg)) size it.</summary>
    public int ContextSize => Sequences * (PromptTokens + GenerateTokens);

    /// <summary>Tokens one repetition processes: the numerator of tokens/s in both reference tools.</summary>
    public int TokensPerRepetition => Sequences * (PromptTokens + GenerateTokens);

    /// <summary>Parses <see cref="Name"/>'s forms: "pp512", "tg128", "pp512+tg128", "pp128+tg128x8" (a space before x is allowed).</summary>
    /// <exception cref="FormatException">The text is none of those forms.</exception>
    public static EngineBenchmarkTest Parse(string text)
    {
        var match = TestNamePattern().Match(text.Trim());
        int Group(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        if (!match.Success || (Group("pp") == 0 && Group("tg") == 0) || (match.Groups["pl"].Success && Group("pl") < 1))
            throw new FormatException($"'{text}' is not a benchmark test: use pp<N>, tg<N>, pp<N>+tg<M>, optionally followed by x<sequences> (e.g. pp128+tg128x8).");
        return new EngineBenchmarkTest(Group("pp"), Group("tg"), match.Groups["pl"].Success ? Group("pl") : 1);
    }

    public static EngineBenchmarkTest Prompt(int tokens) => new(tokens, 0);

    public static EngineBenchmarkTest Generation(int tokens) => new(0, tokens);

    /// <summary>The defaults: llama-bench's pp512 and tg128, its pp512+tg128 (-pg), and 8 sequences of pp128+tg128.</summary>
    public static IReadOnlyList<EngineBenchmarkTest> Defaults { get; } =
        [Prompt(512), Generation(128), new(512, 128), new(128, 128, 8)];

    [GeneratedRegex(@"^(?:pp(?<pp>\d{1,7})(?:\+tg(?<tg>\d{1,7}))?|tg(?<tg>\d{1,7}))(?:\s*x(?<pl>\d{1,4}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex TestNamePattern();
}
