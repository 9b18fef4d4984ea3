using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads;
using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Tests.Workloads;

public sealed class DatasetRequestSourceTests
{
    /// <summary>One token per word: enough to check that real counts, not estimates, are stored.</summary>
    private sealed class WordTokenizer : IPromptTokenizer
    {
        public Task<int[]> TokenizeAsync(string text, CancellationToken cancellationToken) =>
            Task.FromResult(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length).ToArray());
    }

    private static DatasetFile Dataset(params DatasetEntry[] entries) =>
        new(entries, new WorkloadInputFile { Format = "jsonl", Path = "d.jsonl", Sha256 = "ab", Bytes = 10, Records = entries.Length });

    private static readonly DatasetFile Three = Dataset(
        new DatasetEntry("one two three", 7, null, "c1", "line 1"),
        new DatasetEntry("four five", null, "six seven eight nine", null, "entry 2"),
        new DatasetEntry("a b c d e f g h i j k l", null, null, null, "line 3"));

    [Fact]
    public async Task In_process_prompts_carry_their_real_token_counts_and_overlong_prompts_are_skipped_and_counted()
    {
        var (prompts, input) = await DatasetPrompts.ForTokensAsync(Three, new WordTokenizer(), new PromptBounds(10, 5), CancellationToken.None);

        Assert.Equal([3, 2], prompts.Select(p => p.Prompt.TokenCount));
        Assert.Equal([3, 3, 5], prompts[0].Prompt.Tokens);
        Assert.Null(prompts[0].Prompt.Text);
        // 7 from the dataset is cut to the slot's 5; the ShareGPT answer has 4 tokens.
        Assert.Equal([5, 4], prompts.Select(p => p.OutputTokens));
        Assert.Equal(2, input.Records);
        Assert.Equal(1, input.Skipped);
        Assert.Contains("longer than the slot's 10 tokens", input.SkipReason, StringComparison.Ordinal);
        var none = await Assert.ThrowsAsync<WorkloadInputException>(() => DatasetPrompts.ForTokensAsync(Three, new WordTokenizer(), new PromptBounds(1, 5), CancellationToken.None));
        Assert.Contains("raise workload.prompt_tokens", Assert.Single(none.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Request_i_depends_only_on_seed_and_i_and_takes_max_tokens_from_the_dataset_or_the_output_distribution()
    {
        var prompts = DatasetPrompts.ForText(Three);
        var workload = new WorkloadSpec { OutputTokens = LengthDistribution.Fixed(33) };
        var source = new DatasetRequestSource(prompts, workload, seed: 42, useChat: false);
        var other = new DatasetRequestSource(prompts, workload, seed: 42, useChat: false);
        var reseeded = new DatasetRequestSource(prompts, workload, seed: 43, useChat: false);

        var forward = Enumerable.Range(0, 60).Select(source.Get).ToList();
        var backward = Enumerable.Range(0, 60).Reverse().Select(other.Get).Reverse().ToList();

        Assert.Equal(forward.Select(r => r.Request.Prompt), backward.Select(r => r.Request.Prompt));
        Assert.NotEqual(forward.Select(r => r.Request.Prompt), Enumerable.Range(0, 60).Select(i => reseeded.Get(i).Request.Prompt));
        Assert.Equal(3, forward.Select(r => r.Request.Prompt).Distinct().Count());
        foreach (var request in forward)
        {
            var expected = request.Request.Prompt switch { "one two three" => 7, "four five" => 5, _ => 33 };
            Assert.Equal(expected, request.Request.MaxTokens);
            Assert.Equal(expected, request.RequestedOutputTokens);
        }
        // Remote: the text goes as it is, with an estimate of its length (the server's usage rules).
        Assert.Equal(4, forward.First(r => r.Request.Prompt == "one two three").PromptTokens);
    }
}
