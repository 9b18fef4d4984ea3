namespace BenchCluster.Serving;

/// <summary>
/// The minimal chat templates <c>benchcluster serve</c> applies. The model file's own Jinja template is not
/// run; these reproduce the common families' turn markers, which is what matters for timing (prompt length).
/// </summary>
public enum ChatTemplateKind
{
    /// <summary>"role: content" lines, then "assistant:": for models without a known template.</summary>
    Plain,
    /// <summary>"&lt;|im_start|&gt;role\ncontent&lt;|im_end|&gt;\n" turns, then "&lt;|im_start|&gt;assistant\n" (Qwen2 family).</summary>
    ChatMl,
    /// <summary>"&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\ncontent&lt;|eot_id|&gt;" turns (Llama 3 family; BOS left to the tokenizer).</summary>
    Llama3,
    /// <summary>
    /// DeepSeek-R1 and its distills: the system prompt, then "&lt;｜User｜&gt;content" and
    /// "&lt;｜Assistant｜&gt;content&lt;｜end▁of▁sentence｜&gt;" turns, then "&lt;｜Assistant｜&gt;&lt;think&gt;\n": the answer begins
    /// inside a think span, so the server streams it as reasoning_content until &lt;/think&gt;.
    /// </summary>
    DeepSeekR1,
}
