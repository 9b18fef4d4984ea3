using BenchCluster.Reporting.Comparing;
using BenchCluster.Storage;
using BenchCluster.Storage.Runs;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Reporting.Tests.Comparing;

public sealed class RunReferenceResolverTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private BenchClusterDatabase Database => fixture.Database;

    private async Task<Guid> RunAsync(string tag, RunState state, DateTimeOffset submitted, Guid? id = null)
    {
        var run = new RunRow
        {
            RunId = id ?? Guid.NewGuid(), SuiteName = "s", SuiteText = "name: s\n", SubmittedBy = "tests", SubmittedAt = submitted, Tags = [tag, "other-" + tag],
        };
        await Database.Runs.CreateAsync(run);
        if (state != RunState.Pending)
            await Database.Runs.SetStatusAsync(run.RunId, state);
        return run.RunId;
    }

    [Fact]
    public async Task A_tag_names_its_newest_completed_run()
    {
        var tag = "main-" + Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync(tag, RunState.Completed, at);
        var newest = await RunAsync(tag, RunState.Completed, at.AddHours(1));
        await RunAsync(tag, RunState.Running, at.AddHours(2));

        var resolved = await RunReferenceResolver.ResolveAsync(Database, tag);

        Assert.Equal(newest, resolved.RunId);
        Assert.Equal(("completed", tag), (resolved.Status, resolved.Reference));
        Assert.Equal([tag, "other-" + tag], resolved.Tags);
    }

    [Fact]
    public async Task A_full_id_and_a_unique_prefix_name_the_run()
    {
        var id = Guid.NewGuid();
        await RunAsync("p-" + id.ToString("N")[..8], RunState.Completed, DateTimeOffset.UtcNow, id);

        Assert.Equal(id, (await RunReferenceResolver.ResolveAsync(Database, id.ToString())).RunId);
        Assert.Equal(id, (await RunReferenceResolver.ResolveAsync(Database, id.ToString()[..13].ToUpperInvariant())).RunId);
    }

    [Fact]
    public async Task Ambiguous_unknown_and_unfinished_references_are_refused_with_the_reason()
    {
        var shared = Guid.NewGuid().ToString()[..8];
        await RunAsync("a-" + shared, RunState.Completed, DateTimeOffset.UtcNow, Guid.Parse(shared + "-0000-0000-0000-000000000001"));
        await RunAsync("b-" + shared, RunState.Completed, DateTimeOffset.UtcNow, Guid.Parse(shared + "-0000-0000-0000-000000000002"));
        var running = "running-" + shared;
        await RunAsync(running, RunState.Running, DateTimeOffset.UtcNow);

        var ambiguous = await Assert.ThrowsAsync<RunReferenceException>(() => RunReferenceResolver.ResolveAsync(Database, shared));
        var unfinished = await Assert.ThrowsAsync<RunReferenceException>(() => RunReferenceResolver.ResolveAsync(Database, running));
        var unknown = await Assert.ThrowsAsync<RunReferenceException>(() => RunReferenceResolver.ResolveAsync(Database, "nothing-like-this"));
        var missing = await Assert.ThrowsAsync<RunReferenceException>(() => RunReferenceResolver.ResolveAsync(Database, Guid.NewGuid().ToString()));
        var hostile = await Assert.ThrowsAsync<RunReferenceException>(() => RunReferenceResolver.ResolveAsync(Database, "x' OR 1=1; --" + new string('a', 300)));

        Assert.Contains("is ambiguous", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("none completed", unfinished.Message, StringComparison.Ordinal);
        Assert.Contains("no run id, no tag of any run", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no run has id", missing.Message, StringComparison.Ordinal);
        Assert.Contains("too long", hostile.Message, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("compare run reference", "ambiguous id prefix, tag of unfinished runs, unknown name, unknown id, 300-character SQL-like text", 5,
            "RunReferenceException naming the problem and what to give instead; no query built from the text", nameof(Ambiguous_unknown_and_unfinished_references_are_refused_with_the_reason)));
    }
}
