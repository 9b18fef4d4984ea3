using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads;

namespace BenchCluster.Measurement.Tests.Workloads;

public sealed class WorkloadTests
{
    [Fact]
    public void Length_distributions_stay_within_their_bounds_and_center_on_their_mean()
    {
        var random = new Random(3);
        var uniform = new LengthDistribution { Kind = DistributionKind.Uniform, Min = 10, Max = 20 };
        var normal = new LengthDistribution { Kind = DistributionKind.Normal, Mean = 100, StdDev = 10, Min = 90, Max = 130 };

        var u = Enumerable.Range(0, 5000).Select(_ => uniform.Sample(random)).ToList();
        var n = Enumerable.Range(0, 5000).Select(_ => normal.Sample(random)).ToList();

        Assert.Equal(10, u.Min());
        Assert.Equal(20, u.Max());
        Assert.InRange(u.Average(), 14.7, 15.3);
        Assert.Equal(90, n.Min());
        Assert.InRange(n.Max(), 120, 130);
        Assert.Equal(7, LengthDistribution.Fixed(7).Sample(random));
    }

    [Fact]
    public void Request_i_depends_only_on_the_seed_and_i()
    {
        var workload = new WorkloadSpec { PromptTokens = new LengthDistribution { Kind = DistributionKind.Uniform, Min = 20, Max = 80 } };
        var a = new RequestSource(workload, 11, PromptFactory.ForText(), useChat: false);
        var b = new RequestSource(workload, 11, PromptFactory.ForText(), useChat: false);
        var c = new RequestSource(workload, 12, PromptFactory.ForText(), useChat: false);

        Assert.Equal(a.Get(5).Request.Prompt, b.Get(5).Request.Prompt);
        Assert.Equal(a.Get(5).PromptTokens, b.Get(5).PromptTokens);
        Assert.NotEqual(a.Get(5).Request.Prompt, c.Get(5).Request.Prompt);
        Assert.NotEqual(a.Get(5).Request.Prompt, a.Get(6).Request.Prompt);
    }

    [Fact]
    public void Text_prompts_are_about_four_characters_per_token_and_start_with_a_unique_tag()
    {
        var prompt = PromptFactory.ForText().Build(300, new Random(1), "tag-1");

        Assert.StartsWith("[tag-1] ", prompt.Text, StringComparison.Ordinal);
        Assert.InRange(prompt.Text!.Length, 1100, 1200);
        Assert.Equal(300, prompt.TokenCount);
        Assert.Null(prompt.Tokens);
    }

    [Fact]
    public void Random_tokens_stay_in_the_vocabulary_and_can_start_with_bos()
    {
        var tokens = RandomTokens.Draw(1000, 50, new Random(1), firstToken: 7);

        Assert.Equal(7, tokens[0]);
        Assert.All(tokens, t => Assert.InRange(t, 0, 49));
        Assert.True(tokens.Distinct().Count() > 40);
    }

    [Fact]
    public void The_bundled_prompt_set_is_embedded()
    {
        Assert.True(PromptCorpus.Passages.Count >= 20);
        Assert.All(PromptCorpus.Passages, p => Assert.True(p.Length > 100));
    }
}
