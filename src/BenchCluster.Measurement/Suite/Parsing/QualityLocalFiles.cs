using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Quality.Tasks;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// Where this machine is the one that runs the jobs (local mode), the corpus and task file (under the workload data
/// folder, as the engine child will read them) and the reference file a quality scenario names are read now, so a
/// missing file or a malformed task line is a suite error with its field path before any model is loaded. On a
/// cluster the worker reads them before its first window, with the same messages.
/// </summary>
internal static class QualityLocalFiles
{
    public static void Check(IReadOnlyList<ScenariosParser.Parsed> scenarios, IReadOnlyCollection<string> modelNames, YamlValue values, string? root)
    {
        foreach (var (scenario, node, path) in scenarios.Where(s => ScenarioKinds.IsQuality(s.Scenario.Kind)))
        {
            var quality = scenario.Quality;
            if (!BuiltInCorpora.IsBuiltIn(quality.Corpus))
                Refusals(() => CorpusSource.Load(quality.Corpus, root), "corpus");
            if (quality.Tasks is { } tasks)
                Refusals(() => TaskFileReader.Read(tasks, quality.MaxTasks, root), "tasks");
            if (quality.Reference is { } reference && !modelNames.Contains(reference) && !File.Exists(reference))
                values.Errors.Add(QualityParser.Child(node, "reference") ?? node, $"{path}.reference",
                    $"reference file {reference} does not exist; name an existing .gguf file or a model of this suite");

            void Refusals(Action read, string field)
            {
                try
                {
                    read();
                }
                catch (QualityInputException e)
                {
                    foreach (var problem in e.Problems)
                        values.Errors.Add(QualityParser.Child(node, field) ?? node, $"{path}.{field}", problem);
                }
            }
        }
    }
}
