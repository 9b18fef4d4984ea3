using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>A dataset read and checked: its usable entries in file order, and the file's identity for the provenance.</summary>
public sealed record DatasetFile(IReadOnlyList<DatasetEntry> Entries, WorkloadInputFile Input);
