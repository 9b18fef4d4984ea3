using System.Xml.Linq;
using BenchCluster.Reporting.Plots;

namespace BenchCluster.Reporting.Tests.Plots;

/// <summary>Checks that a plot is a real picture in both formats: SVG that parses as XML, PNG with its signature and size.</summary>
internal static class PlotAssert
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static XDocument Valid(PlotImage? image, string expectedName)
    {
        Assert.NotNull(image);
        Assert.Equal(expectedName, image.Name);
        var svg = XDocument.Parse(image.Svg);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal(PlotImage.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), svg.Root.Attribute("width")?.Value);
        Assert.Equal(PngSignature, image.Png.Take(8).ToArray());
        // IHDR holds the width and height big-endian at bytes 16..23.
        Assert.Equal(PlotImage.Width, BigEndian(image.Png, 16));
        Assert.Equal(PlotImage.Height, BigEndian(image.Png, 20));
        Assert.True(image.Png.Length > 5_000, $"a drawn 800×450 plot is more than a few bytes; got {image.Png.Length}");
        return svg;
    }

    /// <summary>All text the SVG draws (titles, labels, ticks, legend), joined.</summary>
    public static string Text(XDocument svg) => string.Join(" ", svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));

    private static int BigEndian(byte[] bytes, int offset) => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
