using System.Text.Json.Nodes;

namespace Orchestrator.Tables.Formatting;

/// <summary>apimachinery's label Set and LabelSelector string forms, as printers show selectors.</summary>
internal static class LabelFormatter
{
    /// <summary><c>labels.FormatLabels</c>: sorted <c>k=v</c> pairs, or "&lt;none&gt;".</summary>
    public static string FormatLabels(JsonNode? map)
    {
        var s = SetString(map);
        return s.Length == 0 ? "<none>" : s;
    }

    /// <summary><c>metav1.FormatLabelSelector</c>: the selector string, or "&lt;none&gt;" when it selects everything or nothing.</summary>
    public static string FormatLabelSelector(JsonNode? selector)
    {
        var s = SelectorString(selector);
        return s switch
        {
            null => "<error>",
            "" => "<none>",
            _ => s,
        };
    }

    /// <summary><c>LabelSelectorAsSelector(sel).String()</c>: requirements sorted by key; empty for nil or empty
    /// selectors; null when an operator is unknown (LabelSelectorAsSelector's error).</summary>
    public static string? SelectorString(JsonNode? selector)
    {
        var requirements = new List<(string Key, string Text)>();
        if (selector.At("matchLabels") is JsonObject matchLabels)
        {
            requirements.AddRange(matchLabels.Select(kv => (kv.Key, $"{kv.Key}={kv.Value.Str()}")));
        }

        foreach (var expr in selector.Objects("matchExpressions"))
        {
            var key = expr.Str("key");
            var values = string.Join(",", expr.Strings("values").Order(StringComparer.Ordinal));
            var text = expr.Str("operator") switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                _ => null,
            };
            if (text is null)
            {
                return null;
            }

            requirements.Add((key, text));
        }

        return string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }

    private static string SetString(JsonNode? map) => map is JsonObject o
        ? string.Join(",", o.Select(kv => $"{kv.Key}={kv.Value.Str()}").Order(StringComparer.Ordinal))
        : "";
}
