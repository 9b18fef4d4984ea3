using BenchCluster.Reporting.Exporting;
using Spectre.Console;

namespace BenchCluster.Cli.Output;

/// <summary>
/// Where progress, start-up lines, hints and trailers go: stderr. stdout carries only the data in the format the user
/// asked for, so `benchcluster run suite.yaml --format json > r.json` is JSON.
/// </summary>
internal static class Messages
{
    public static IAnsiConsole Console { get; } = TableExporter.CreateConsole(System.Console.Error);

    /// <summary>A grey line: what the command is doing.</summary>
    public static void Progress(string text) => Console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
}
