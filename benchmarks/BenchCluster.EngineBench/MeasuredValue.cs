namespace BenchCluster.EngineBench;

/// <summary>One sample of one metric of one test shape (n_prompt, n_gen, parallel sequences), from either tool.</summary>
internal sealed record MeasuredValue(int Prompt, int Generate, int Sequences, string Metric, double Value)
{
    public const string TokensPerSecond = "t/s";
    public const string SpeedPp = "speed_pp";
    public const string SpeedTg = "speed_tg";
}
