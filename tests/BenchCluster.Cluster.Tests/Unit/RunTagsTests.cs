using BenchCluster.Contracts.Runs;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>The tag rules the CLI and the coordinator both apply to a submission.</summary>
public sealed class RunTagsTests
{
    [Fact]
    public void Ordinary_tags_pass_once_each_in_their_order()
    {
        string[] tags = ["main", "pr-123", "llama/v0.5.0", "main", "x86_64:avx512+f16"];

        Assert.Empty(RunTags.Errors(tags));
        Assert.Equal(["main", "pr-123", "llama/v0.5.0", "x86_64:avx512+f16"], RunTags.Distinct(tags));
        Assert.Empty(RunTags.Errors(null));
    }

    [Fact]
    public void Hostile_tags_are_refused_naming_the_tag_and_the_rule()
    {
        string[] bad = ["", " main", "-leading-dash", "two words", "semi;colon", "quote'", "new\nline", new string('a', 65)];

        var errors = bad.Select(tag => RunTags.Errors([tag])).ToList();
        var tooMany = RunTags.Errors(Enumerable.Range(0, RunTags.MaxTags + 1).Select(i => $"t{i}").ToList());

        Assert.All(errors, e => Assert.Contains("is not valid: use 1 to 64 letters, digits and . _ - + / :", Assert.Single(e), StringComparison.Ordinal));
        Assert.Contains("tag 'two words'", errors[3][0], StringComparison.Ordinal);
        Assert.Contains($"a run takes at most {RunTags.MaxTags}", Assert.Single(tooMany), StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("submission tags", "empty, spaced, dash-first, ; ' newline, 65 characters, 17 tags", bad.Length + 1,
            "one error per tag naming it and the rule; the coordinator rejects the submission before parsing the suite", nameof(Hostile_tags_are_refused_naming_the_tag_and_the_rule)));
    }
}
