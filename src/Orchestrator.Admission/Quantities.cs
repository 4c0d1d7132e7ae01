using System.Text.Json.Nodes;
using k8s.Models;

namespace Orchestrator.Admission;

/// <summary>Parses resource quantities with KubernetesClient's parser; null when the text is not a quantity.</summary>
internal static class Quantities
{
    /// <summary>resource.ErrFormatWrong's wording: what Kubernetes says when a quantity does not parse.</summary>
    public const string FormatWrong = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    public static ResourceQuantity? Parse(JsonNode? node)
    {
        var text = Json.AsString(node) ?? Json.AsLong(node)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            var q = new ResourceQuantity(text);
            // The parser is lenient about some suffixes Go rejects; a round trip catches them.
            _ = q.ToDecimal();
            return q;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>Go's Quantity.String() for a value that parsed from <paramref name="raw"/>.</summary>
    public static string Canonical(ResourceQuantity q, string raw)
    {
        // KubernetesClient mangles negative binary values (-1Gi), so the sign is handled here.
        if (q.ToDecimal() < 0 && raw.StartsWith('-') && Parse(JsonValue.Create(raw[1..])) is { } positive)
        {
            return "-" + positive.CanonicalizeString();
        }
        return q.CanonicalizeString();
    }
}
