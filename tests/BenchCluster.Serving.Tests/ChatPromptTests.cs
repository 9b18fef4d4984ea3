namespace BenchCluster.Serving.Tests;

public sealed class ChatPromptTests
{
    private static readonly (string, string)[] Conversation = [("system", "Be brief."), ("user", "Hi")];

    [Fact]
    public void Renders_chatml_turns_and_opens_the_assistant_turn()
    {
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
            ChatPrompt.Render(Conversation, ChatTemplateKind.ChatMl));
    }

    [Fact]
    public void Renders_llama3_turns_without_a_bos_text()
    {
        Assert.Equal("<|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n", ChatPrompt.Render(Conversation, ChatTemplateKind.Llama3));
    }

    [Fact]
    public void Renders_plain_role_lines()
    {
        Assert.Equal("system: Be brief.\nuser: Hi\nassistant:", ChatPrompt.Render(Conversation, ChatTemplateKind.Plain));
    }

    [Theory]
    [InlineData("qwen2", ChatTemplateKind.ChatMl)]
    [InlineData("llama", ChatTemplateKind.Llama3)]
    [InlineData("phi3", ChatTemplateKind.Plain)]
    public void Picks_the_template_from_the_architecture(string architecture, ChatTemplateKind expected)
    {
        Assert.Equal(expected, ChatPrompt.ForArchitecture(architecture));
    }
}
