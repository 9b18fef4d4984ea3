using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Datasets;

namespace BenchCluster.Measurement.Tests.Workloads;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly WorkloadDataFiles files = new();

    public void Dispose() => files.Dispose();

    private DatasetFile Read(DatasetFormat format, string path, int? maxEntries = null, DatasetLimits? limits = null) =>
        DatasetReader.Read(new DatasetSpec { Format = format, Path = path, MaxEntries = maxEntries }, files.Root, limits);

    [Fact]
    public void ShareGpt_takes_the_first_human_turn_as_prompt_and_the_gpt_reply_after_it_skipping_entries_without_a_human_turn()
    {
        var path = files.Write("data/chat.json", """
            [
              {"id": "a1", "conversations": [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "Name a river."}, {"from": "gpt", "value": "The Danube flows east."}, {"from": "human", "value": "Another?"}]},
              {"id": "b2", "conversations": [{"from": "gpt", "value": "Hello there."}]},
              {"conversations": []},
              {"conversations": [{"from": "human", "value": "Only a question"}]},
              {"conversations": [{"from": "human", "value": "Q"}, {"from": "human", "value": "Q again"}]}
            ]
            """);

        var file = Read(DatasetFormat.ShareGpt, path);

        Assert.Equal(["Name a river.", "Only a question", "Q"], file.Entries.Select(e => e.Prompt));
        Assert.Equal("The Danube flows east.", file.Entries[0].OutputText);
        Assert.Equal("a1", file.Entries[0].ConversationId);
        Assert.Null(file.Entries[1].OutputText);
        Assert.Null(file.Entries[2].OutputText);
        Assert.Equal("entry 4", file.Entries[1].Where);
        Assert.Equal(2, file.Input.Skipped);
        Assert.Equal(3, file.Input.Records);
        Assert.Equal("sharegpt", file.Input.Format);
        Assert.Equal(files.Sha256(path), file.Input.Sha256);
    }

    [Fact]
    public void Jsonl_reads_prompt_output_tokens_and_conversation_id_skipping_blank_lines_and_unknown_fields()
    {
        var path = files.Write("data/prompts.jsonl", "{\"prompt\": \"Explain tides.\", \"output_tokens\": 64, \"conversation_id\": \"c7\", \"extra\": [1]}\r\n\n   \n{\"prompt\": \"Why is the sky blue?\", \"conversation_id\": 12}\n{\"prompt\": \"Short\", \"output_tokens\": null}");

        var file = Read(DatasetFormat.Jsonl, path);

        Assert.Equal(["Explain tides.", "Why is the sky blue?", "Short"], file.Entries.Select(e => e.Prompt));
        Assert.Equal([64, null, null], file.Entries.Select(e => e.OutputTokens));
        Assert.Equal(["c7", "12", null], file.Entries.Select(e => e.ConversationId));
        Assert.Equal(["1", "4", "5"], file.Entries.Select(e => e.Where));
        Assert.Equal(files.Sha256(path), file.Input.Sha256);
    }

    [Fact]
    public void Max_entries_stops_reading_early_while_the_hash_still_covers_the_whole_file()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 500).Select(i => $"{{\"prompt\": \"prompt number {i}\"}}"));
        var jsonl = files.Write("many.jsonl", lines);
        var sharegpt = files.Write("many.json", "[" + string.Join(',', Enumerable.Range(0, 500).Select(i => $"{{\"conversations\": [{{\"from\": \"human\", \"value\": \"q{i}\"}}]}}")) + "]");

        var first = Read(DatasetFormat.Jsonl, jsonl, maxEntries: 3);
        var second = Read(DatasetFormat.ShareGpt, sharegpt, maxEntries: 4);

        Assert.Equal(["prompt number 0", "prompt number 1", "prompt number 2"], first.Entries.Select(e => e.Prompt));
        Assert.Equal(files.Sha256(jsonl), first.Input.Sha256);
        Assert.Equal(new FileInfo(Path.Combine(files.Root, jsonl)).Length, first.Input.Bytes);
        Assert.Equal(4, second.Entries.Count);
        Assert.Equal(files.Sha256(sharegpt), second.Input.Sha256);
    }

    [Fact]
    public void A_prompt_above_the_character_bound_is_skipped_and_counted()
    {
        var path = files.Write("long.jsonl", $"{{\"prompt\": \"{new string('x', 300)}\"}}\n{{\"prompt\": \"fits\"}}\n");

        var file = Read(DatasetFormat.Jsonl, path, limits: new DatasetLimits { MaxPromptChars = 100 });

        Assert.Equal("fits", Assert.Single(file.Entries).Prompt);
        Assert.Equal(1, file.Input.Skipped);
        Assert.Contains("longer than 100 characters", file.Input.SkipReason, StringComparison.Ordinal);
    }
}
