namespace BenchCluster.Testing.Reliability;

/// <summary>
/// One row of docs/reliability.md's fault table. Times are what the test measured, in seconds; null where the
/// test does not measure them.
/// </summary>
/// <param name="Fault">What the test did, e.g. "Postgres stopped for 10 s mid-run".</param>
/// <param name="WhatHappened">What the system did, in a sentence.</param>
/// <param name="DetectionSeconds">From the fault to the system noticing it.</param>
/// <param name="RecoverySeconds">From the fault's end (or its detection) to work flowing again.</param>
/// <param name="DataCheck">What the test verified about the stored data, e.g. "8 of 8 jobs exactly once, 0 duplicate samples".</param>
/// <param name="Test">The test's name, so a reader can find it.</param>
public sealed record FaultRecord(string Fault, string WhatHappened, double? DetectionSeconds, double? RecoverySeconds, string DataCheck, string Test);
