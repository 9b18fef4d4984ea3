using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BenchCluster.Http.Api;

/// <summary>GET /api/health: answers while the process serves HTTP; needs no credentials, tells nothing about runs.</summary>
public static class HealthEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/health", () => Results.Json(new HealthInfo("ok", typeof(HealthEndpoints).Assembly.GetName().Version?.ToString() ?? "unknown"), ApiJson.Options))
            .WithName("Health")
            .WithSummary("Liveness: {status: \"ok\", version}.")
            .Produces<HealthInfo>();
}
