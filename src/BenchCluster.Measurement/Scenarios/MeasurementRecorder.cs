using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Provenance;
using BenchCluster.Measurement.Samples;

namespace BenchCluster.Measurement.Scenarios;

/// <summary>Collects a job's samples and stages, brackets the measured part with a power window, and builds the JobMeasurement.</summary>
internal sealed class MeasurementRecorder(JobSpec job, IPowerMeter? powerMeter)
{
    private readonly List<Sample> _samples = [];
    private readonly List<StageInfo> _stages = [];
    private IPowerWindow? _power;
    private long? _measuredStartNs;
    private long? _measuredEndNs;
    private double? _watts;
    private string? _powerFailure;
    private ActivityCounters? _activityStart;
    private MeasuredWindowActivity? _activity;

    public int NextSeq => _samples.Count == 0 ? 0 : _samples.Max(s => s.Seq) + 1;

    public IReadOnlyList<Sample> Samples => _samples;

    public void Add(Sample sample) => _samples.Add(sample);

    public void Add(StageRun run)
    {
        _samples.AddRange(run.Samples);
        if (!run.Samples.All(s => s.IsWarmup))
            _stages.Add(run.Stage);
    }

    public void BeginMeasured()
    {
        _measuredStartNs = MonotonicClock.NowNs();
        _power = powerMeter?.Start();
        _activityStart = ActivityCounters.Read();
    }

    public void EndMeasured()
    {
        if (_measuredEndNs is null && _activityStart is not null)
            _activity = MeasuredWindowActivity.Between(_activityStart, ActivityCounters.Read());
        _measuredEndNs ??= MonotonicClock.NowNs();
        if (_power is not null)
        {
            var reading = _power.Stop();
            _watts = reading.Watts;
            _powerFailure = reading.Failure;
            _power.Dispose();
            _power = null;
        }
    }

    public JobMeasurement Build(RunProvenance provenance, string? error)
    {
        EndMeasured();
        var measured = _samples.Where(s => !s.IsWarmup).ToList();
        var start = measured.Count > 0 ? Math.Min(measured.Min(s => s.StartNs), _measuredStartNs ?? long.MaxValue) : _measuredStartNs ?? 0;
        return new JobMeasurement
        {
            PointId = job.Point.Id,
            Repetition = job.Repetition,
            Samples = _samples.OrderBy(s => s.Seq).ToList(),
            Stages = _stages,
            MeasuredStartNs = start,
            MeasuredEndNs = measured.Count > 0 ? measured.Max(s => s.EndNs) : _measuredEndNs ?? start,
            MeasuredWatts = _watts,
            PowerSource = _watts is null ? null : powerMeter?.Source,
            PowerNotes = PowerNotes(),
            Error = error,
            Provenance = provenance with { Activity = _activity },
        };
    }

    private List<string> PowerNotes()
    {
        var notes = powerMeter?.Notes.ToList() ?? [];
        if (_powerFailure is not null)
            notes.Add(_powerFailure);
        return notes;
    }
}
