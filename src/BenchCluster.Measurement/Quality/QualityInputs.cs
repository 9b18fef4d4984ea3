using BenchCluster.Measurement.Quality.Cache;
using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Quality.Tasks;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Quality;

/// <summary>Everything a quality job scores besides the model: the spec, the corpus, the reference, its cache, the tasks.</summary>
public sealed record QualityInputs
{
    public required QualitySpec Spec { get; init; }
    public required CorpusText Corpus { get; init; }
    public QualityReferenceSource? Reference { get; init; }
    /// <summary>Required with a reference: where its log-probabilities are kept between jobs.</summary>
    public ReferenceLogProbCache? Cache { get; init; }
    public TaskFile? Tasks { get; init; }
}
