using System.CommandLine;
using BenchCluster.Contracts.Runs;

namespace BenchCluster.Cli.Commands;

/// <summary>`--tag NAME` (repeatable) on run and submit: names to find the run by later (compare main pr-123).</summary>
internal static class TagOptions
{
    public static Option<string[]> Create()
    {
        var option = new Option<string[]>("--tag")
        {
            Description = $"Tag the run (repeatable, up to {RunTags.MaxTags}): compare accepts a tag for its newest completed run, e.g. --tag main --tag llama-b4567.",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
        };
        option.Validators.Add(result =>
        {
            foreach (var error in RunTags.Errors(result.GetValueOrDefault<string[]>() ?? []))
                result.AddError($"--tag: {error}");
        });
        return option;
    }
}
