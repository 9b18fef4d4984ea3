namespace BenchCluster.Cli.Output;

/// <summary>How `results` prints: a table for people, CSV or JSON for tools.</summary>
internal enum ResultFormat { Table, Csv, Json }
