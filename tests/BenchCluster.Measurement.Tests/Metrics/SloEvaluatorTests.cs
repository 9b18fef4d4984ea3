using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Suite;
using static BenchCluster.Measurement.Tests.Fakes.Timelines;

namespace BenchCluster.Measurement.Tests.Metrics;

public sealed class SloEvaluatorTests
{
    private static readonly SloSpec Slo = new() { TtftMs = 100, TpotMs = 10, Attainment = 0.75 };

    [Fact]
    public void A_request_is_good_only_when_it_meets_every_bound_inclusively()
    {
        Assert.True(SloEvaluator.IsGood(Request(0, [100, 110]), Slo));
        Assert.False(SloEvaluator.IsGood(Request(0, [101, 110]), Slo));
        Assert.False(SloEvaluator.IsGood(Request(0, [50, 61]), Slo));
        Assert.False(SloEvaluator.IsGood(Request(0, [50, 60], error: "Timeout: no first byte"), Slo));
    }

    [Fact]
    public void A_one_token_request_passes_the_tpot_bound_as_vllm_counts_it()
    {
        Assert.True(SloEvaluator.IsGood(Request(0, [80]), Slo));
    }

    [Fact]
    public void Attainment_counts_failed_requests_in_the_denominator()
    {
        var samples = new[]
        {
            Request(0, [50, 55]), Request(0, [50, 55]), Request(0, [50, 55]), Request(0, [], error: "ServerError 500: boom"),
        };

        Assert.Equal(0.75, SloEvaluator.Attainment(samples, Slo));
        Assert.True(SloEvaluator.Meets(samples, Slo));
        Assert.False(SloEvaluator.Meets(samples, Slo with { Attainment = 0.8 }));
    }
}
