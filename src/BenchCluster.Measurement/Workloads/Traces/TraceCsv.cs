namespace BenchCluster.Measurement.Workloads.Traces;

/// <summary>Splits a trace row at commas; fields are trimmed and may be wrapped in double quotes (no commas inside).</summary>
internal static class TraceCsv
{
    public static List<string> Split(string line, int maxColumns)
    {
        var fields = new List<string>();
        foreach (var raw in line.Split(',', maxColumns + 1))
        {
            var field = raw.Trim();
            if (field.Length >= 2 && field[0] == '"' && field[^1] == '"')
                field = field[1..^1].Trim();
            fields.Add(field);
        }
        return fields;
    }
}
