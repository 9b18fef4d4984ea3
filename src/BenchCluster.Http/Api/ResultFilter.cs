using BenchCluster.Storage.Queries;
using Microsoft.AspNetCore.Http;

namespace BenchCluster.Http.Api;

/// <summary>The result filters of the query string: model (name or file), node, scenario, verdict, since (created at or after).</summary>
public sealed record ResultFilter(string? Model, string? Node, string? Scenario, string? Verdict, DateTimeOffset? Since)
{
    private const int MaxValueLength = 256;

    public static bool TryParse(IQueryCollection query, out ResultFilter filter, out IResult? error)
    {
        filter = new ResultFilter(null, null, null, null, null);
        foreach (var field in new[] { "model", "node", "scenario", "verdict" })
        {
            if (query[field].ToString().Length > MaxValueLength)
            {
                error = ApiErrors.BadRequest($"{field} is longer than {MaxValueLength} characters", field, "pass the exact name as the results show it");
                return false;
            }
        }
        if (!RouteValues.TrySince(query["since"], out var since, out error))
            return false;
        filter = new ResultFilter(Value(query, "model"), Value(query, "node"), Value(query, "scenario"), Value(query, "verdict"), since);
        return true;
    }

    public bool Matches(ResultView view) =>
        (Model is null || Same(view.ModelName, Model) || Same(view.Model, Model))
        && (Node is null || Same(view.NodeName, Node))
        && (Scenario is null || Same(view.Scenario, Scenario))
        && (Verdict is null || Same(view.Verdict, Verdict))
        && (Since is null || view.CreatedAt >= Since);

    private static bool Same(string actual, string wanted) => string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase);

    private static string? Value(IQueryCollection query, string field) => query[field].ToString() is { Length: > 0 } value ? value : null;
}
