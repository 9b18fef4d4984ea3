using System.Text;

namespace BenchCluster.Serving;

/// <summary>Renders chat messages into one prompt text with a <see cref="ChatTemplateKind"/>.</summary>
public static class ChatPrompt
{
    /// <summary>The template for a GGUF general.architecture: ChatML for qwen2, Llama 3 for llama, else plain.</summary>
    public static ChatTemplateKind ForArchitecture(string architecture) => architecture switch
    {
        "qwen2" or "qwen3" or "qwen2moe" => ChatTemplateKind.ChatMl,
        "llama" => ChatTemplateKind.Llama3,
        _ => ChatTemplateKind.Plain,
    };

    /// <summary>The prompt for these (role, content) turns, ending where the assistant's answer begins.</summary>
    public static string Render(IReadOnlyList<(string Role, string Content)> messages, ChatTemplateKind template)
    {
        var text = new StringBuilder();
        foreach (var (role, content) in messages)
        {
            _ = template switch
            {
                ChatTemplateKind.ChatMl => text.Append("<|im_start|>").Append(role).Append('\n').Append(content).Append("<|im_end|>\n"),
                ChatTemplateKind.Llama3 => text.Append("<|start_header_id|>").Append(role).Append("<|end_header_id|>\n\n").Append(content).Append("<|eot_id|>"),
                _ => text.Append(role).Append(": ").Append(content).Append('\n'),
            };
        }
        _ = template switch
        {
            ChatTemplateKind.ChatMl => text.Append("<|im_start|>assistant\n"),
            ChatTemplateKind.Llama3 => text.Append("<|start_header_id|>assistant<|end_header_id|>\n\n"),
            _ => text.Append("assistant:"),
        };
        return text.ToString();
    }
}
