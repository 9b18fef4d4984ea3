using System.Runtime.InteropServices;
using System.Text;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Mirrors <c>struct llama_model_kv_override</c> of the pinned llama.h: a tag, a 128-byte key and a union of
/// int64/double/bool/char[128] (8-aligned, so the key is followed by 4 bytes of padding). Only strings are used here.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 264)]
internal unsafe struct LlamaModelKvOverride
{
    public const int TextCapacity = 128;
    private const int TagString = 3;

    [FieldOffset(0)] public int tag;
    [FieldOffset(4)] public fixed byte key[TextCapacity];
    [FieldOffset(136)] public fixed byte val_str[TextCapacity];

    /// <summary>A string override; key and value must fit in 127 UTF-8 bytes (the C strings are NUL-terminated).</summary>
    public static LlamaModelKvOverride String(string name, string value)
    {
        var entry = new LlamaModelKvOverride { tag = TagString };
        Copy(name, entry.key);
        Copy(value, entry.val_str);
        return entry;
    }

    private static void Copy(string text, byte* destination)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length >= TextCapacity)
            throw new ArgumentException($"'{text}' is {bytes.Length} UTF-8 bytes; llama.cpp's metadata overrides hold at most {TextCapacity - 1}.", nameof(text));
        bytes.CopyTo(new Span<byte>(destination, TextCapacity));
    }
}
