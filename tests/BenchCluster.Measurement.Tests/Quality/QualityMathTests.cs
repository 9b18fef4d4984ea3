using BenchCluster.Measurement.Quality.Scoring;

namespace BenchCluster.Measurement.Tests.Quality;

/// <summary>Log-softmax, KL-divergence, top-1 and the error formulas against distributions computed by hand.</summary>
public sealed class QualityMathTests
{
    [Fact]
    public void Log_softmax_of_logits_ln1_ln2_ln3_gives_one_sixth_two_sixths_three_sixths()
    {
        float[] logits = [0f, (float)Math.Log(2), (float)Math.Log(3)];

        var softmax = LogSoftmax.Of(logits);

        Assert.Equal(2, softmax.ArgMax);
        Assert.Equal(Math.Log(1.0 / 6), softmax.LogProbability(logits, 0), 6);
        Assert.Equal(Math.Log(2.0 / 6), softmax.LogProbability(logits, 1), 6);
        Assert.Equal(Math.Log(3.0 / 6), softmax.LogProbability(logits, 2), 6);
    }

    [Fact]
    public void Log_softmax_stays_finite_for_logits_far_beyond_exp_range()
    {
        float[] logits = [1000f, 999f, -1000f];

        var softmax = LogSoftmax.Of(logits);

        Assert.Equal(-Math.Log(1 + Math.Exp(-1)), softmax.LogProbability(logits, 0), 6);
    }

    [Fact]
    public void Kl_divergence_of_half_quarter_quarter_against_quarter_half_quarter_is_a_quarter_of_ln2()
    {
        float[] reference = [(float)Math.Log(0.5), (float)Math.Log(0.25), (float)Math.Log(0.25)];
        float[] model = [(float)Math.Log(0.25), (float)Math.Log(0.5), (float)Math.Log(0.25)];
        var row = new byte[ReferenceRow.Bytes(3)];

        ReferenceRow.Encode(reference, target: 1, row);
        var kl = ReferenceRow.KlDivergence(row, model, LogSoftmax.Of(model));

        // 0.5 ln(0.5/0.25) + 0.25 ln(0.25/0.5) + 0.25 ln 1 = 0.25 ln 2; the row's 16-bit levels cost < 1e-3.
        Assert.Equal(0.25 * Math.Log(2), kl, 3);
        Assert.Equal(-Math.Log(0.25), ReferenceRow.TargetNll(row), 6);
        Assert.Equal(0, ReferenceRow.TopToken(row));
    }

    [Fact]
    public void Kl_divergence_leaves_out_reference_tokens_at_or_below_minus_16_nats_and_does_not_renormalise_the_rest()
    {
        // Reference log-probabilities about −0.05, −16.55 and −3.05: the middle token is left out, as llama-perplexity
        // does; the model gives it about −3,000 nats, so leaving it out changes the sum by 2e-4, twenty times the 1e-5
        // that the row's 16-bit levels may cost.
        float[] reference = [10f, -6.5f, 7f];
        float[] model = [9f, -3000f, 8f];
        var r = LogSoftmax.Of(reference);
        var m = LogSoftmax.Of(model);
        double expected = 0, full = 0;
        for (var i = 0; i < 3; i++)
        {
            var term = Math.Exp(r.LogProbability(reference, i)) * (r.LogProbability(reference, i) - m.LogProbability(model, i));
            full += term;
            if (r.LogProbability(reference, i) > -16)
                expected += term;
        }
        var row = new byte[ReferenceRow.Bytes(3)];

        ReferenceRow.Encode(reference, target: 0, row);
        var kl = ReferenceRow.KlDivergence(row, model, LogSoftmax.Of(model));

        Assert.True(full - expected > 1.5e-4, $"the left-out term is {full - expected:E2}");
        Assert.InRange(kl, expected - 1e-5, expected + 1e-5);
        Assert.Equal(1 - Math.Exp(r.LogProbability(reference, 1)), ReferenceRow.KeptMass(row), 7);
    }

    [Fact]
    public void Kl_divergence_of_a_distribution_against_itself_is_zero_within_the_quantization_step()
    {
        var random = new Random(3);
        var logits = Enumerable.Range(0, 5000).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        var row = new byte[ReferenceRow.Bytes(logits.Length)];

        ReferenceRow.Encode(logits, target: 17, row);

        Assert.InRange(ReferenceRow.KlDivergence(row, logits, LogSoftmax.Of(logits)), -1e-6, 1e-6);
    }

    [Fact]
    public void Mean_error_is_the_standard_error_llama_perplexity_prints()
    {
        var mean = new MeanWithError();
        foreach (var value in new[] { 1.0, 2, 3, 4 })
            mean.Add(value);

        // E[x²] − E[x]² = 7.5 − 6.25 = 1.25; error = sqrt(1.25 / 3).
        Assert.Equal(2.5, mean.Mean, 12);
        Assert.Equal(Math.Sqrt(1.25 / 3), mean.Error, 12);
    }

    [Fact]
    public void Comparison_reports_top1_share_its_error_percentiles_and_delta_perplexity()
    {
        var comparison = new ReferenceComparisonAccumulator(4);
        comparison.Add(nll: 1.0, referenceNll: 0.5, klDivergence: 0.1, sameTop: true);
        comparison.Add(nll: 2.0, referenceNll: 1.5, klDivergence: 0.4, sameTop: true);
        comparison.Add(nll: 1.0, referenceNll: 0.5, klDivergence: 0.2, sameTop: false);
        comparison.Add(nll: 2.0, referenceNll: 1.5, klDivergence: 0.3, sameTop: true);

        var result = comparison.Result("ref", "abc", "computed");

        Assert.Equal(0.75, result.Top1Agreement, 12);
        Assert.Equal(Math.Sqrt(0.75 * 0.25 / 3), result.Top1AgreementError, 12);
        Assert.Equal(0.25, result.KlDivergenceMean, 6);
        Assert.Equal(0.25, result.KlDivergenceMedian, 6);
        Assert.Equal(0.3 + 0.97 * 0.1, result.KlDivergenceP99, 6); // 0.99 × 3 = 2.97 between the 3rd and 4th value
        Assert.Equal(0.4, result.KlDivergenceMax, 6);
        Assert.Equal(Math.Exp(1.5) - Math.Exp(1.0), result.DeltaPerplexity, 9);
        Assert.Equal(Math.Exp(1.0), result.ReferencePerplexity, 9);
        // The model's NLL is the reference's plus 0.5 everywhere: the log-ratio has no variance, but Δppl's error
        // keeps the part of each perplexity's error the covariance does not cancel: |ppl − ppl_ref| × σ(ln).
        Assert.Equal((Math.Exp(1.5) - Math.Exp(1.0)) * Math.Sqrt(0.25 / 3), result.DeltaPerplexityError, 6);
    }
}
