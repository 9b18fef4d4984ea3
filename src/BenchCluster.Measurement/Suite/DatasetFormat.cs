using System.Text.Json.Serialization;

namespace BenchCluster.Measurement.Suite;

/// <summary>Where a request-level workload's prompts come from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DatasetFormat>))]
public enum DatasetFormat
{
    /// <summary>BenchCluster's own prompt set, cut to the workload's length distributions.</summary>
    Bundled,
    /// <summary>ShareGPT JSON: an array of {"conversations": [{"from": "human"|"gpt", "value": ...}, ...]}.</summary>
    ShareGpt,
    /// <summary>One JSON object per line: prompt, optional output_tokens and conversation_id.</summary>
    Jsonl,
}
