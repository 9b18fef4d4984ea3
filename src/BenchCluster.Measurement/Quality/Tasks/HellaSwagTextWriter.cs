using System.Globalization;
using System.Text;

namespace BenchCluster.Measurement.Quality.Tasks;

/// <summary>
/// Writes tasks in the text llama-perplexity --hellaswag reads (tools/perplexity/perplexity.cpp): six lines per
/// task — context, label, four endings — so the same tasks can be scored by both for the cross-check.
/// </summary>
public static class HellaSwagTextWriter
{
    /// <summary>llama-perplexity scores exactly four endings per task.</summary>
    public const int EndingsPerTask = 4;

    public static string Write(IEnumerable<QualityTask> tasks)
    {
        var text = new StringBuilder();
        var index = 0;
        foreach (var task in tasks)
        {
            if (task.Endings.Count != EndingsPerTask)
                throw new ArgumentException($"task {index} has {task.Endings.Count} endings; llama-perplexity's HellaSwag text takes exactly {EndingsPerTask}", nameof(tasks));
            text.Append(task.Context).Append('\n');
            text.Append(task.Label.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (var ending in task.Endings)
                text.Append(ending).Append('\n');
            index++;
        }
        return text.ToString();
    }
}
