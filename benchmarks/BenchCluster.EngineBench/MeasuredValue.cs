namespace BenchCluster.EngineBench;

/// <summary>
/// One sample of one metric of one test shape (n_prompt, n_gen, parallel sequences), from either tool; <see cref="Round"/>
/// is the position of its file on the command line, so the files of one interleaved round pair up.
/// </summary>
internal sealed record MeasuredValue(int Prompt, int Generate, int Sequences, string Metric, double Value, int Round = 0)
{
    public const string TokensPerSecond = "t/s";
    public const string SpeedPp = "speed_pp";
    public const string SpeedTg = "speed_tg";
}
