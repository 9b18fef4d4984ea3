namespace BenchCluster.Remote;

/// <summary>Masks a secret, and every piece of it at least a given length, in text about to be shown or stored.</summary>
internal static class SecretScrubber
{
    public const string Mask = "***";

    public static string Scrub(string text, string secret, int minFragmentChars)
    {
        if (text.Length == 0 || secret.Length == 0)
            return text;
        var fragment = Math.Min(minFragmentChars, secret.Length);
        var hidden = new bool[text.Length];
        var any = false;
        for (var start = 0; start + fragment <= secret.Length; start++)
        {
            var piece = secret.AsSpan(start, fragment);
            for (var from = 0; from <= text.Length - fragment;)
            {
                var at = text.AsSpan(from).IndexOf(piece, StringComparison.Ordinal);
                if (at < 0)
                    break;
                Array.Fill(hidden, true, from + at, fragment);
                any = true;
                from += at + 1;
            }
        }
        return any ? Masked(text, hidden) : text;
    }

    private static string Masked(string text, bool[] hidden)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (!hidden[i])
                builder.Append(text[i]);
            else if (i == 0 || !hidden[i - 1])
                builder.Append(Mask);
        }
        return builder.ToString();
    }
}
