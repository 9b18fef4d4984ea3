using BenchCluster.Engine.Completions.InProcess;

namespace BenchCluster.Engine.Tests.Completions.Reasoning;

/// <summary>The cap on a request's reasoning tokens (llama-server's --reasoning-budget), token by token.</summary>
public sealed class ReasoningBudgetTests
{
    private const int Open = 900;
    private const int Close = 901;
    private static readonly ThinkMarkers Markers = ThinkMarkers.Find(text => text == ThinkMarkers.Open ? [Open] : text == ThinkMarkers.Close ? [Close] : []);

    [Fact]
    public void After_the_budget_the_closing_marker_replaces_the_model_choice_and_later_tokens_pass()
    {
        var budget = new ReasoningBudget(Markers, tokens: 2);
        var left = budget.Start([1, 2, Open]);

        var emitted = new[] { 5, 6, 7, 8, 9 }.Select(token => budget.Apply(token, ref left)).ToList();

        Assert.Equal([5, 6, Close, 8, 9], emitted);
        Assert.Equal(-1, left);
    }

    [Fact]
    public void A_model_that_closes_early_keeps_its_choice_and_a_span_it_opens_again_gets_a_new_budget()
    {
        var budget = new ReasoningBudget(Markers, tokens: 1);
        var left = budget.Start([1, 2]); // the prompt opens no span

        var emitted = new[] { 4, Open, Close, 5, Open, 6, 7, 8 }.Select(token => budget.Apply(token, ref left)).ToList();

        Assert.Equal([4, Open, Close, 5, Open, 6, Close, 8], emitted);
    }

    [Fact]
    public void A_budget_of_zero_closes_a_span_the_prompt_opened_with_the_first_token()
    {
        var budget = new ReasoningBudget(Markers, tokens: 0);
        var left = budget.Start([Open]);

        Assert.Equal(Close, budget.Apply(7, ref left));
        Assert.Equal(8, budget.Apply(8, ref left));
    }
}
