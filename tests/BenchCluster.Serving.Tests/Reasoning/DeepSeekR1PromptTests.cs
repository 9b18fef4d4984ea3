namespace BenchCluster.Serving.Tests.Reasoning;

public sealed class DeepSeekR1PromptTests
{
    [Fact]
    public void Renders_the_system_prompt_first_turn_markers_and_an_open_think_span()
    {
        (string, string)[] conversation = [("user", "Hi"), ("system", "Be brief."), ("assistant", "<think>\nhm\n</think>\n\nHello"), ("user", "Why?")];

        Assert.Equal("Be brief.<｜User｜>Hi<｜Assistant｜>\n\nHello<｜end▁of▁sentence｜><｜User｜>Why?<｜Assistant｜><think>\n",
            ChatPrompt.Render(conversation, ChatTemplateKind.DeepSeekR1));
    }

    [Theory]
    [InlineData("{{'<｜User｜>' + c}}{{'<｜Assistant｜><think>\\n'}}", ChatTemplateKind.DeepSeekR1)]
    [InlineData("{{'<|im_start|>' + role}}", ChatTemplateKind.ChatMl)]
    [InlineData(null, ChatTemplateKind.ChatMl)]
    public void The_model_files_own_template_picks_r1_over_its_architecture(string? template, ChatTemplateKind expected)
    {
        Assert.Equal(expected, ChatPrompt.ForModel("qwen2", template));
        Assert.Equal(expected == ChatTemplateKind.DeepSeekR1, ChatPrompt.HasThinkSpan(expected));
    }
}
