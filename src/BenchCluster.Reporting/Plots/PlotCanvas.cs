using ScottPlot;

namespace BenchCluster.Reporting.Plots;

/// <summary>The look every report plot shares, and the step that turns a finished plot into SVG and PNG.</summary>
internal static class PlotCanvas
{
    /// <summary>Distinguishable on white and for the common colour-vision deficiencies (Okabe–Ito order).</summary>
    private static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, 16);
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        return plot;
    }

    public static Color ColorAt(int index) => Palette[index % Palette.Length];

    public static PlotImage Render(string name, string title, Plot plot)
    {
        var svg = plot.GetSvgXml(PlotImage.Width, PlotImage.Height);
        var png = plot.GetImage(PlotImage.Width, PlotImage.Height).GetImageBytes(ImageFormat.Png);
        return new PlotImage(name, title, svg, png);
    }

    /// <summary>
    /// A file-safe, unique plot name for one scenario: "throughput-tg128". Scenario names are user input, so only
    /// [a-z0-9-] survive, and a number keeps two scenarios that differ only in other characters apart.
    /// </summary>
    public static string ScenarioName(string prefix, string scenario, ISet<string> used)
    {
        var slug = new string(scenario.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray()).Trim('-');
        slug = slug.Length > 40 ? slug[..40] : slug;
        var name = slug.Length == 0 ? $"{prefix}-scenario" : $"{prefix}-{slug}";
        var unique = name;
        for (var i = 2; !used.Add(unique); i++)
            unique = $"{name}-{i}";
        return unique;
    }

    /// <summary>At most this many scenarios get plots of their own; the tables list every result.</summary>
    public const int MaxScenarios = 8;

    /// <summary>A label cut to a length a tick or legend can show; the tables carry the full text.</summary>
    public static string Short(string text, int max = 28) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
