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

    /// <summary>
    /// The template for a model file: DeepSeek-R1's where the file's own chat template (tokenizer.chat_template) uses its
    /// turn markers — the test llama.cpp applies — else the architecture's (<see cref="ForArchitecture"/>).
    /// </summary>
    public static ChatTemplateKind ForModel(string architecture, string? chatTemplate) =>
        chatTemplate is not null && chatTemplate.Contains(DeepSeekR1Prompt.User, StringComparison.Ordinal)
            && chatTemplate.Contains(DeepSeekR1Prompt.Assistant, StringComparison.Ordinal)
            ? ChatTemplateKind.DeepSeekR1
            : ForArchitecture(architecture);

    /// <summary>True when the template opens a think span for the answer, so reasoning is streamed apart (reasoning_content).</summary>
    public static bool HasThinkSpan(ChatTemplateKind template) => template == ChatTemplateKind.DeepSeekR1;

    /// <summary>The prompt for these (role, content) turns, ending where the assistant's answer begins.</summary>
    public static string Render(IReadOnlyList<(string Role, string Content)> messages, ChatTemplateKind template)
    {
        if (template == ChatTemplateKind.DeepSeekR1)
            return DeepSeekR1Prompt.Render(messages);
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
