using System.Text;
using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Inference;

/// <summary>Tokenization with the model's vocabulary.</summary>
internal sealed unsafe partial class SessionDecoder
{
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial = true)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length + 2];
        fixed (byte* t = bytes)
        {
            while (true)
            {
                int count;
                fixed (int* p = tokens)
                    count = LlamaNative.llama_tokenize(Vocabulary, t, bytes.Length, p, tokens.Length, addSpecial, parseSpecial);
                if (count >= 0)
                    return tokens[..count];
                if (count == int.MinValue)
                    throw new InferenceException($"The text of {bytes.Length} bytes tokenizes to more tokens than fit in an int32.", InferenceErrorKind.InvalidArgument);
                tokens = new int[-count];
            }
        }
    }

    public string Detokenize(IReadOnlyList<int> tokens)
    {
        CheckTokens(tokens, "tokens to detokenize");
        var ids = tokens.ToArray();
        var text = new byte[Math.Max(16, ids.Length * 8)];
        fixed (int* p = ids)
        {
            while (true)
            {
                int length;
                fixed (byte* t = text)
                    length = LlamaNative.llama_detokenize(Vocabulary, p, ids.Length, t, text.Length, removeSpecial: false, unparseSpecial: false);
                if (length >= 0)
                    return Encoding.UTF8.GetString(text, 0, length);
                text = new byte[-length];
            }
        }
    }
}
