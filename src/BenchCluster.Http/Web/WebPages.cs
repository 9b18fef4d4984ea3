using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace BenchCluster.Http.Web;

/// <summary>
/// The web pages the coordinator serves: runs (/), a run (/runs/{id}), compare (/compare) and the fleet (/fleet).
/// Each page is a static shell; its script reads the JSON API with the browser's session cookie and shows the sign-in
/// form when the API answers 401, so the pages themselves need no authentication and hold no data.
/// </summary>
public static class WebPages
{
    /// <summary>
    /// Scripts and styles only from the coordinator itself, no inline script: data that slipped into markup could not
    /// run. Frames only from the coordinator (the run's HTML report).
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapWebPages(this IEndpointRouteBuilder endpoints)
    {
        var assets = WebAssetStore.Load();
        var pages = endpoints.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", (HttpContext context) => Serve(context, assets.Find("runs.html")));
        pages.MapGet("/runs/{id}", (HttpContext context) => Serve(context, assets.Find("run.html")));
        pages.MapGet("/compare", (HttpContext context) => Serve(context, assets.Find("compare.html")));
        pages.MapGet("/fleet", (HttpContext context) => Serve(context, assets.Find("fleet.html")));
        pages.MapGet("/web/{name}", (HttpContext context, string name) => Serve(context, assets.Find(name)));
        return endpoints;
    }

    private static IResult Serve(HttpContext context, WebAsset? asset)
    {
        if (asset is null)
            return Results.NotFound();
        var headers = context.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidate every time: a coordinator upgrade must never leave an old script next to a new page.
        headers[HeaderNames.CacheControl] = "no-cache";
        headers[HeaderNames.ETag] = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
