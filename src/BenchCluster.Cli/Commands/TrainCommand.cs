using System.CommandLine;
using System.Globalization;
using BenchCluster.Cli.Local;
using BenchCluster.Engine.Training;
using BenchCluster.Measurement.Quality.Corpora;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster train`: the tiny model BenchCluster trains itself, once per recipe, cached under .data/trained-models.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var defaults = new TrainingRecipe();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the corpus.", DefaultValueFactory = _ => defaults.Epochs };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the starting weights.", DefaultValueFactory = _ => defaults.Seed };
        var cosine = new Option<bool>("--cosine") { Description = "Cosine learning-rate schedule by epoch: the first epoch at a third of --lr, then from --lr down towards zero." };
        var rate = new Option<float>("--lr") { Description = "AdamW learning rate (3e-4 and above diverged on the bundled corpus).", DefaultValueFactory = _ => defaults.LearningRate };
        var threads = new Option<int>("--threads") { Description = "CPU threads; 0 = all cores. Not part of the cache key." };
        var corpus = new Option<string>("--corpus")
        {
            Description = $"{BuiltInCorpora.NamesText} (corpora shipped with BenchCluster; grammar-train is the one the default recipe was measured on) or a UTF-8 text file.",
            DefaultValueFactory = _ => BuiltInCorpora.GrammarTrain,
        };
        var command = new Command("train", $"""
            Train BenchCluster's own tiny model (Llama-shaped, {defaults.Layers} layers of {defaults.Embedding}, ffn {defaults.FeedForward},
            the real {defaults.Tokenizer} tokenizer, F32) on a corpus through llama.cpp's training API (llama_opt_epoch, AdamW),
            so quality can be measured on learned weights. The result is cached under .data/trained-models keyed by the
            recipe, the corpus SHA-256 and the llama.cpp release: a second call trains nothing. Loss per epoch goes to
            stderr, the model's path to stdout. Quantize it like any F32 file: benchcluster forge --type q4_k_m --from PATH.
            Example:
              benchcluster train --epochs {defaults.Epochs}
            """)
        {
            epochs, seed, rate, cosine, threads, corpus,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var recipe = new TrainingRecipe { Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed), LearningRate = parse.GetValue(rate), CosineSchedule = parse.GetValue(cosine) }.Validate();
            var text = CorpusSource.LoadFromCommandLine(parse.GetValue(corpus)!);
            var dataFolder = Path.GetDirectoryName(BenchClusterHome.DataFolder("trained-models"))!;
            Console.Error.WriteLine($"training on {text.Name} ({text.Text.Length:N0} chars, sha256 {text.Sha256[..16]}), {recipe.Epochs} epochs at lr {recipe.LearningRate.ToString("g", CultureInfo.InvariantCulture)} ...");
            var progress = new EpochLines();
            var trained = await TinyModelTrainer.GetOrTrainAsync(recipe, new TrainingCorpus(text.Name, text.Sha256, text.Text), dataFolder, progress, parse.GetValue(threads), cancellationToken);
            if (!trained.TrainedNow)
            {
                Console.Error.WriteLine($"cached (recipe {trained.RecipeKey[..16]}); as trained:");
                foreach (var epoch in trained.Epochs)
                    progress.Report(epoch);
            }
            Console.WriteLine(trained.Path);
            return 0;
        });
        return command;
    }

    private sealed class EpochLines : IProgress<TrainingEpoch>
    {
        public void Report(TrainingEpoch value) => Console.Error.WriteLine(
            $"  epoch {value.Epoch}: train loss {value.TrainLoss:0.000}, eval loss {value.EvalLoss:0.000}, {value.Seconds:0.0} s");
    }
}
