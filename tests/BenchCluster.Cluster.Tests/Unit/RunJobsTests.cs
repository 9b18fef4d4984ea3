using BenchCluster.Grains.Coordinator;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite.Parsing;
using BenchCluster.Storage.Jobs;

namespace BenchCluster.Cluster.Tests.Unit;

/// <summary>The coordinator's working copy of a run: queues per node, resume from stored states, result groups.</summary>
public sealed class RunJobsTests
{
    private static readonly IReadOnlyList<JobSpec> Specs = MatrixExpander.Expand(new SuiteParser().Parse("""
        name: jobs
        repetitions: 2
        models: [{name: m, preset: tiny, type: f16}]
        scenarios: [{name: pp, kind: pp, prompt_tokens: 8}, {name: tg, kind: tg, output_tokens: 8}]
        """, "jobs.yaml")).Jobs;

    private static IReadOnlyList<PlannedJob> Jobs(string node) =>
        Specs.Select(spec => new PlannedJob(Guid.NewGuid(), spec, node, "sha")).ToList();

    [Fact]
    public void A_node_works_repetition_by_repetition_so_points_interleave()
    {
        var jobs = new RunJobs(Jobs("n1"));
        var order = new List<(string, int)>();
        while (jobs.Dequeue("n1") is { } job)
            order.Add((job.Spec.Scenario.Name, job.Spec.Repetition));

        Assert.Equal([("pp", 0), ("tg", 0), ("pp", 1), ("tg", 1)], order);
    }

    [Fact]
    public void Resuming_requeues_unfinished_jobs_only()
    {
        var planned = Jobs("n1");
        var stored = new Dictionary<Guid, (JobState, int)>
        {
            [planned[0].JobId] = (JobState.Succeeded, 1),
            [planned[1].JobId] = (JobState.Running, 1),
            [planned[2].JobId] = (JobState.Failed, 2),
            [planned[3].JobId] = (JobState.Pending, 0),
        };
        var jobs = new RunJobs(planned, stored);

        Assert.Equal(2, jobs.QueueLength("n1"));
        Assert.Equal(JobState.Pending, jobs.StateOf(planned[1].JobId)); // was running when the coordinator died
        Assert.Equal(1, jobs.Count(JobState.Succeeded));
        Assert.Equal(2, jobs.AttemptOf(planned[2].JobId));
    }

    [Fact]
    public void A_lost_nodes_queue_can_be_taken_and_a_result_is_finished_when_all_its_repetitions_are()
    {
        var jobs = new RunJobs(Jobs("n1"));
        var first = jobs.Dequeue("n1")!;
        var rest = jobs.TakeQueue("n1");

        Assert.Equal(3, rest.Count);
        Assert.Null(jobs.Dequeue("n1"));
        Assert.False(jobs.IsFinished(first.ResultKey));
        foreach (var job in jobs.JobsOf(first.ResultKey))
            jobs.Set(job.JobId, JobState.Succeeded);
        Assert.True(jobs.IsFinished(first.ResultKey));
    }

    [Fact]
    public void Jobs_added_mid_run_are_queued_on_their_node_and_known_ids_are_not_added_twice()
    {
        var first = Jobs("n1");
        var jobs = new RunJobs(first);
        var joined = Jobs("n2");

        Assert.Equal(joined.Count, jobs.AddNew(joined).Count);
        Assert.Empty(jobs.AddNew([.. joined, first[0]]));
        Assert.Equal(first.Count + joined.Count, jobs.Total);
        Assert.Equal(("pp", 0), jobs.Dequeue("n2") is { } next ? (next.Spec.Scenario.Name, next.Spec.Repetition) : default);
        Assert.False(jobs.IsFinished(joined[0].ResultKey));
    }

    [Fact]
    public void A_requeued_job_goes_first()
    {
        var jobs = new RunJobs(Jobs("n1"));
        var first = jobs.Dequeue("n1")!;
        jobs.Requeue("n1", first.JobId);
        Assert.Equal(first.JobId, jobs.Dequeue("n1")!.JobId);
    }
}
