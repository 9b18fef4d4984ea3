using Microsoft.Extensions.DependencyInjection;

namespace BenchCluster.Http.Hosting;

/// <summary>Adds the HTTP API to a coordinator's services (CoordinatorOptions.AddServices).</summary>
public static class HttpApiServices
{
    public static IServiceCollection AddHttpApi(this IServiceCollection services, HttpApiOptions options)
    {
        services.AddSingleton(options);
        services.AddHostedService<HttpApiHostedService>();
        return services;
    }
}
