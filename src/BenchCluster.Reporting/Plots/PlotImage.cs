namespace BenchCluster.Reporting.Plots;

/// <summary>One drawn plot: a file-safe name (e.g. "throughput"), its title, and the same picture as SVG text and PNG bytes.</summary>
public sealed record PlotImage(string Name, string Title, string Svg, byte[] Png)
{
    /// <summary>800×450: readable on a laptop screen and in a pull-request comment without scaling.</summary>
    public const int Width = 800;
    public const int Height = 450;
}
