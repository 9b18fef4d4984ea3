using System.Text;

namespace BenchCluster.Serving;

/// <summary>
/// The DeepSeek-R1 distills' chat format for system, user and assistant turns (tool calls are not served): the system
/// prompts first, then each turn behind its marker; an earlier answer keeps only what follows its reasoning. BOS is
/// left to the tokenizer (the distills' add_bos_token), as with Llama 3.
/// </summary>
internal static class DeepSeekR1Prompt
{
    public const string User = "<｜User｜>";
    public const string Assistant = "<｜Assistant｜>";
    public const string EndOfSentence = "<｜end▁of▁sentence｜>";
    public const string GenerationPrompt = Assistant + "<think>\n";

    public static string Render(IReadOnlyList<(string Role, string Content)> messages)
    {
        var text = new StringBuilder();
        foreach (var (role, content) in messages)
        {
            if (role == "system")
                text.Append(content);
        }
        foreach (var (role, content) in messages)
        {
            _ = role switch
            {
                "user" => text.Append(User).Append(content),
                "assistant" => text.Append(Assistant).Append(AfterReasoning(content)).Append(EndOfSentence),
                _ => text,
            };
        }
        return text.Append(GenerationPrompt).ToString();
    }

    private static string AfterReasoning(string content)
    {
        var end = content.LastIndexOf("</think>", StringComparison.Ordinal);
        return end < 0 ? content : content[(end + "</think>".Length)..];
    }
}
