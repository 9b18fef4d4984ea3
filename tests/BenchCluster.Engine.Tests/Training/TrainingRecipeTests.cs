using BenchCluster.Engine.Training;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Engine.Tests.Training;

/// <summary>The cache key follows every input that changes the trained weights, and values that cannot train are refused by name.</summary>
public sealed class TrainingRecipeTests
{
    private const string Corpus = "00272b7d42188f35f50ae297aaf895990b0dbccbf97d43be736fc2492f9dd911";
    private const string Release = "v0.5.0 via node-llama-cpp 3.22.1";

    [Fact]
    public void Key_changes_with_recipe_corpus_and_library_and_only_with_them()
    {
        var recipe = new TrainingRecipe();
        var key = recipe.Key(Corpus, Release);

        Assert.Equal(key, new TrainingRecipe().Key(Corpus, Release));
        Assert.NotEqual(key, (recipe with { Epochs = 5 }).Key(Corpus, Release));
        Assert.NotEqual(key, (recipe with { LearningRate = 3e-4f }).Key(Corpus, Release));
        Assert.NotEqual(key, (recipe with { Seed = 2 }).Key(Corpus, Release));
        Assert.NotEqual(key, (recipe with { Embedding = 128 }).Key(Corpus, Release));
        Assert.NotEqual(key, recipe.Key(new string('0', 64), Release));
        Assert.NotEqual(key, recipe.Key(Corpus, "v0.6.0 via node-llama-cpp 3.23.0"));
    }

    [Theory]
    [InlineData(0, 256, 3e-4f, "Epochs")]
    [InlineData(4, 128, 3e-4f, "ContextTokens")]
    [InlineData(4, 256, 0f, "LearningRate")]
    [InlineData(4, 256, float.NaN, "LearningRate")]
    public void Values_that_cannot_train_are_refused_naming_the_field(int epochs, int context, float rate, string field)
    {
        var error = Assert.Throws<TrainingException>(() => new TrainingRecipe { Epochs = epochs, ContextTokens = context, LearningRate = rate }.Validate());

        Assert.Contains($"TrainingRecipe.{field}", error.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("train recipe", $"{field} out of range", 1,
            "TrainingException naming the field and the allowed range, before anything is forged", nameof(Values_that_cannot_train_are_refused_naming_the_field)));
    }
}
