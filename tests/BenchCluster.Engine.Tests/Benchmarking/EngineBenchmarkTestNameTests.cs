using BenchCluster.Engine.Benchmarking;

namespace BenchCluster.Engine.Tests.Benchmarking;

public sealed class EngineBenchmarkTestNameTests
{
    [Theory]
    [InlineData("pp512", 512, 0, 1)]
    [InlineData("tg128", 0, 128, 1)]
    [InlineData("pp512+tg128", 512, 128, 1)]
    [InlineData("pp128+tg128 x8", 128, 128, 8)]
    [InlineData("PP128+TG128x8", 128, 128, 8)]
    public void Parses_llama_bench_style_names(string text, int prompt, int generate, int sequences)
    {
        Assert.Equal(new EngineBenchmarkTest(prompt, generate, sequences), EngineBenchmarkTest.Parse(text));
    }

    [Theory]
    [InlineData("pp512")]
    [InlineData("tg128")]
    [InlineData("pp512+tg128")]
    [InlineData("pp128+tg128 x8")]
    public void Name_round_trips(string name)
    {
        Assert.Equal(name, EngineBenchmarkTest.Parse(name).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pp")]
    [InlineData("tg128+pp512")]
    [InlineData("pp0")]
    [InlineData("pp512x0")]
    [InlineData("pp99999999999")]
    public void Rejects_other_text_with_the_accepted_forms_named(string text)
    {
        var error = Assert.Throws<FormatException>(() => EngineBenchmarkTest.Parse(text));

        Assert.Contains("pp<N>+tg<M>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_and_token_counts_follow_the_reference_tools()
    {
        var batched = new EngineBenchmarkTest(128, 128, 8);

        Assert.Equal(8 * 256, batched.ContextSize);
        Assert.Equal(8 * 256, batched.TokensPerRepetition);
        Assert.Equal(640, new EngineBenchmarkTest(512, 128).ContextSize);
    }
}
