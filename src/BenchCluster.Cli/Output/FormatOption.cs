using System.CommandLine;
using BenchCluster.Reporting.Exporting;

namespace BenchCluster.Cli.Output;

/// <summary>The --format option of every command that prints data.</summary>
internal static class FormatOption
{
    public const string Names = "table, csv, json, jsonl or markdown";

    public static Option<OutputFormat> Create(string what) => new("--format")
    {
        Description = $"How to print {what} on stdout: {Names} (default table). Messages and progress go to stderr.",
        DefaultValueFactory = _ => OutputFormat.Table,
        HelpName = "FORMAT",
    };
}
