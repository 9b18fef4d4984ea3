using BenchCluster.Http.Api;
using BenchCluster.Http.Auth;
using BenchCluster.Http.Cluster;
using BenchCluster.Http.Web;
using BenchCluster.Measurement.Suite;
using BenchCluster.Reporting.Exporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace BenchCluster.Http.Hosting;

/// <summary>Builds the API's web application over a cluster backend; the coordinator and the tests both start it this way.</summary>
public static class HttpApiApplication
{
    /// <summary>Backstop for every body: the suite limit plus room; endpoints apply their own, smaller limits first.</summary>
    private const long MaxRequestBodyBytes = SuiteLimits.MaxSuiteBytes + 64 * 1024;

    /// <param name="configure">Adds services before the app is built (the lead wires exporters and pages here).</param>
    public static WebApplication Build(HttpApiOptions options, IClusterBackend cluster, ApiTokens tokens,
        Action<IServiceCollection>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(HttpApiApplication).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
            builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = 1000;
            kestrel.Listen(options.Listen.Address, options.Listen.Port, listen =>
            {
                if (options.Listen.Https)
                    listen.UseHttps(options.Certificate ?? throw new ArgumentException($"--http {options.Listen.Url} is https, but no certificate was given; start the coordinator with its cluster certificate (--tls-cert)"));
            });
        });
        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton(new EventStreamSlots(options.MaxEventStreams, options.MaxEventStreamsPerCaller));
        foreach (var format in ResultExporters.Formats.Where(f => f != OutputFormat.Table))
            builder.Services.AddSingleton(ResultExporters.For(format));
        builder.Services.AddSingleton<ResultResponse>();
        builder.Services.AddOpenApi(OpenApiDocumentSetup.Configure);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler(failure => failure.Run(ApiFailure.WriteAsync));
        app.MapOpenApi();
        app.MapScalarApiReference("/scalar");
        var api = app.MapGroup("/api");
        HealthEndpoints.Map(api);
        SessionEndpoints.MapPublic(api);
        var secured = api.MapGroup("").AddEndpointFilter<RequireCallerFilter>();
        SessionEndpoints.MapSecured(secured);
        RunEndpoints.Map(secured);
        EventEndpoints.Map(secured);
        ResultEndpoints.Map(secured);
        CompareEndpoints.Map(secured);
        BestEndpoints.Map(secured);
        ReportEndpoints.Map(secured);
        RequestEndpoints.Map(secured);
        FleetEndpoints.Map(secured);
        app.MapWebPages();
        return app;
    }
}
