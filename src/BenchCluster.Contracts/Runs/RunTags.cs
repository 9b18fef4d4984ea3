using System.Text.RegularExpressions;

namespace BenchCluster.Contracts.Runs;

/// <summary>The rules a run tag follows, checked by the CLI and again by the coordinator (a submission is hostile input).</summary>
public static partial class RunTags
{
    public const int MaxTags = 16;
    public const int MaxLength = 64;

    /// <summary>What is wrong with the tags, one message per problem naming the tag and the rule; empty when they are fine.</summary>
    public static IReadOnlyList<string> Errors(IReadOnlyCollection<string>? tags)
    {
        if (tags is null || tags.Count == 0)
            return [];
        if (tags.Count > MaxTags)
            return [$"{tags.Count} tags given; a run takes at most {MaxTags}"];
        return tags.Where(tag => tag is null || !TagPattern().IsMatch(tag))
            .Select(tag => $"tag '{Shorten(tag)}' is not valid: use 1 to {MaxLength} letters, digits and . _ - + / : starting with a letter or digit")
            .ToList();
    }

    /// <summary>The tags once each, in the order given.</summary>
    public static IReadOnlyList<string> Distinct(IReadOnlyCollection<string>? tags) =>
        tags is null ? [] : tags.Distinct(StringComparer.Ordinal).ToList();

    private static string Shorten(string? tag) => tag is null ? "" : tag.Length <= MaxLength ? tag : tag[..MaxLength] + "…";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+/:-]{0,63}$")]
    private static partial Regex TagPattern();
}
