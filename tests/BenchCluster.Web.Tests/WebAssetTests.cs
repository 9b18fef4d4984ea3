using System.Text.RegularExpressions;
using BenchCluster.Http.Web;

namespace BenchCluster.Web.Tests;

/// <summary>The page files embedded in the assembly: every file a page or script names is there, and nothing comes from elsewhere.</summary>
public sealed partial class WebAssetTests
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private static readonly WebAssetStore Store = WebAssetStore.Load();

    [Fact]
    public void Every_page_the_routes_serve_is_embedded_with_its_content_type()
    {
        foreach (var page in new[] { "runs.html", "run.html", "compare.html", "fleet.html" })
            Assert.Equal("text/html; charset=utf-8", Store.Find(page)?.ContentType);
        Assert.Equal("text/css; charset=utf-8", Store.Find("app.css")?.ContentType);
        Assert.Equal("text/javascript; charset=utf-8", Store.Find("dom.js")?.ContentType);
        Assert.Null(Store.Find("../BenchCluster.Http.dll"));
    }

    [Fact]
    public void Every_file_a_page_links_or_a_script_imports_is_embedded_and_none_lies_elsewhere()
    {
        var references = 0;
        foreach (var name in Store.Names.Where(n => n.EndsWith(".html", StringComparison.Ordinal) || n.EndsWith(".js", StringComparison.Ordinal)))
        {
            var text = System.Text.Encoding.UTF8.GetString(Store.Find(name)!.Content);
            // The SVG namespace is a name, not an address anything is fetched from.
            Assert.DoesNotMatch(ExternalUrl(), text.Replace(SvgNamespace, "", StringComparison.Ordinal));
            foreach (Match reference in Reference().Matches(text))
            {
                var target = reference.Groups["file"].Value;
                Assert.True(Store.Find(target) is not null, $"{name} names {target}, which is not embedded");
                references++;
            }
        }
        Assert.True(references > 20, $"only {references} references found: the pattern no longer matches the pages");
    }

    [Fact]
    public void No_script_writes_markup_from_strings()
    {
        foreach (var name in Store.Names.Where(n => n.EndsWith(".js", StringComparison.Ordinal)))
        {
            var text = System.Text.Encoding.UTF8.GetString(Store.Find(name)!.Content);
            Assert.DoesNotMatch(MarkupSink(), text);
        }
    }

    /// <summary>src="/web/x.js", href="/web/x.css", or an import from './x.js'.</summary>
    [GeneratedRegex("""(?:(?:src|href)="/web/|from '\./)(?<file>[a-z0-9.-]+)["']""")]
    private static partial Regex Reference();

    [GeneratedRegex("""(?:https?:)?//[a-z0-9-]+\.[a-z]""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(")]
    private static partial Regex MarkupSink();
}
