namespace BenchCluster.Engine.Native;

/// <summary>enum llama_flash_attn_type.</summary>
internal enum LlamaFlashAttnType
{
    Auto = -1,
    Disabled = 0,
    Enabled = 1,
}
