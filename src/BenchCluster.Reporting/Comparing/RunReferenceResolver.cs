using System.Text.RegularExpressions;
using BenchCluster.Storage;
using BenchCluster.Storage.Runs;

namespace BenchCluster.Reporting.Comparing;

/// <summary>
/// Finds the run a person means: a full run id; else a tag (the newest completed run carrying it); else a unique
/// prefix of at least <see cref="MinPrefixLength"/> characters of a run id.
/// </summary>
public static partial class RunReferenceResolver
{
    public const int MinPrefixLength = 4;
    private const int MaxReferenceLength = 200;
    private const int TaggedRunsRead = 50;

    public static async Task<ComparedRun> ResolveAsync(BenchClusterDatabase database, string reference, CancellationToken cancellationToken = default)
    {
        reference = reference.Trim();
        if (reference.Length == 0 || reference.Length > MaxReferenceLength)
            throw new RunReferenceException($"run reference '{Shorten(reference)}' is empty or too long: give a run id, an id prefix or a tag.");
        if (Guid.TryParse(reference, out var id))
        {
            var run = await database.Runs.GetAsync(id, cancellationToken)
                ?? throw new RunReferenceException($"no run has id {id}: list runs with `benchcluster status`.");
            return ToCompared(run, reference);
        }

        var tagged = await database.Runs.FindByTagAsync(reference, TaggedRunsRead, cancellationToken);
        if (tagged.Count > 0)
        {
            var newest = tagged.FirstOrDefault(r => r.Status == RunState.Completed)
                ?? throw new RunReferenceException(
                    $"tag '{reference}' names {tagged.Count} run(s), none completed (newest {tagged[0].RunId} is {tagged[0].Status.ToString().ToLowerInvariant()}): wait for it or name a run id.");
            return ToCompared(newest, reference);
        }

        var prefix = reference.ToLowerInvariant();
        if (prefix.Length < MinPrefixLength || !IdPrefixPattern().IsMatch(prefix))
            throw new RunReferenceException(
                $"'{reference}' is no run id, no tag of any run, and no id prefix (at least {MinPrefixLength} hex digits): check the spelling or list runs with `benchcluster status`.");
        var matches = await database.Runs.FindByIdPrefixAsync(prefix, 2, cancellationToken);
        return matches.Count switch
        {
            0 => throw new RunReferenceException($"no run id starts with '{reference}' and no run carries that tag."),
            1 => ToCompared(matches[0], reference),
            _ => throw new RunReferenceException(
                $"run id prefix '{reference}' is ambiguous ({matches[0].RunId}, {matches[1].RunId}, …): give more digits."),
        };
    }

    private static ComparedRun ToCompared(RunRow run, string reference) => new()
    {
        RunId = run.RunId,
        Reference = reference,
        SuiteName = run.SuiteName,
        Status = run.Status.ToString().ToLowerInvariant(),
        SubmittedAt = run.SubmittedAt,
        Tags = run.Tags,
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[0-9a-f-]+$")]
    private static partial Regex IdPrefixPattern();
}
