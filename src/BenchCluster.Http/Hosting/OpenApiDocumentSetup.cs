using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BenchCluster.Http.Hosting;

/// <summary>The OpenAPI document's title and its bearer-token scheme, so the Scalar page can send a token.</summary>
public static class OpenApiDocumentSetup
{
    private const string Scheme = "bearer";

    public static void Configure(OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "BenchCluster API";
        document.Info.Description = "Submit suites, follow runs, read results. Authenticate with 'Authorization: Bearer TOKEN' (docs/http-api.md).";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token from 'benchcluster api-token add NAME'.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] });
        return Task.CompletedTask;
    });
}
