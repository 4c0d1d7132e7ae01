using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Orchestrator.Core.Validation;

namespace Orchestrator.Admission;

/// <summary>intstr.IntOrString fields such as maxSurge and minAvailable, checked as apps validation does.</summary>
internal static partial class IntOrPercent
{
    [GeneratedRegex("^[0-9]+%$")]
    private static partial Regex Percent();

    /// <summary>How Go prints an IntOrString (its String method): the bare int or string.</summary>
    public static string Render(JsonNode? value) => Json.AsLong(value)?.ToString(CultureInfo.InvariantCulture) ?? Json.AsString(value) ?? "";

    public static void ValidatePositive(JsonNode? value, string field, List<V1StatusCause> errs)
    {
        if (Json.AsString(value) is { } s)
        {
            if (!Percent().IsMatch(s))
            {
                errs.Add(Causes.InvalidRendered(field, s, Names.RegexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%")));
            }
        }
        else if (Json.AsLong(value) is { } n && n < 0)
        {
            errs.Add(Causes.Invalid(field, n, "must be greater than or equal to 0"));
        }
    }

    public static void ValidateNotMoreThan100Percent(JsonNode? value, string field, List<V1StatusCause> errs)
    {
        if (Json.AsString(value) is { } s && Percent().IsMatch(s)
            && int.TryParse(s[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var pct) && pct > 100)
        {
            errs.Add(Causes.InvalidRendered(field, s, "must not be greater than 100%"));
        }
    }

    /// <summary>The numeric part, for the "not both zero" check; unparsable values count as non-zero.</summary>
    public static long NumericValue(JsonNode? value) =>
        Json.AsLong(value) ?? (Json.AsString(value) is { } s && s.EndsWith('%') && long.TryParse(s[..^1], out var n) ? n : -1);
}
