namespace BenchCluster.Reporting.Reports;

/// <summary>The report page's only style sheet, inlined so the file opens with no network and no other file.</summary>
internal static class ReportStyle
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #1b1b1b; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
        table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
        th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.meta th { width: 12rem; }
        .VALID { color: #17602a; font-weight: 600; }
        .INVALID { color: #a11; font-weight: 600; }
        .regression { background: #fde8e8; }
        figure { margin: 1rem 0 2rem; }
        figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { font-size: 0.85rem; color: #444; max-width: 800px; }
        .scroll { overflow-x: auto; }
        """;
}
