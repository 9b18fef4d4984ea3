using System.Globalization;
using BenchCluster.Reporting.Selecting;
using Microsoft.AspNetCore.Http;

namespace BenchCluster.Http.Api;

/// <summary>The best endpoint's quality bounds from ?max_kld, ?max_ppl_delta and ?min_top1, refused with the field named.</summary>
internal static class QualityQuery
{
    private const int MaxText = 40;

    public static bool TryParse(string? maxKld, string? maxPplDelta, string? minTop1, out QualityBounds bounds, out IResult? error)
    {
        bounds = QualityBounds.None;
        var kldError = Number("max_kld", maxKld, out var kld);
        var deltaError = Number("max_ppl_delta", maxPplDelta, out var delta);
        var top1Error = Number("min_top1", minTop1, out var top1);
        error = kldError ?? deltaError ?? top1Error;
        if (error is not null)
            return false;
        try
        {
            bounds = QualityBounds.Create(kld, delta, top1);
            return true;
        }
        catch (FormatException e)
        {
            var field = e.Message.Split(' ', 2)[0].Replace('-', '_');
            error = ApiErrors.BadRequest(e.Message, field, "pass ?max_kld=0.05, ?max_ppl_delta=0.5 or ?min_top1=0.9");
            return false;
        }
    }

    private static IResult? Number(string field, string? text, out double? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
            return null;
        if (text.Length <= MaxText && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return null;
        }
        return ApiErrors.BadRequest($"{field} '{RouteValues.Shorten(text)}' is not a number", field, $"pass ?{field}= a number with a decimal point, e.g. 0.05");
    }
}
