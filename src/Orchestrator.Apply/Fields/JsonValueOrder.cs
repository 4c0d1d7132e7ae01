using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Apply.Fields;

/// <summary>structured-merge-diff's total order on values: numbers, strings, booleans, lists, maps, then null.</summary>
internal static class JsonValueOrder
{
    public static int Compare(JsonNode? left, JsonNode? right)
    {
        var (leftRank, rightRank) = (Rank(left), Rank(right));
        if (leftRank != rightRank)
        {
            return leftRank.CompareTo(rightRank);
        }
        return leftRank switch
        {
            0 => Number(left!).CompareTo(Number(right!)),
            1 => string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>()),
            2 => left!.GetValue<bool>().CompareTo(right!.GetValue<bool>()),
            5 => 0,
            _ => string.CompareOrdinal(left!.ToJsonString(), right!.ToJsonString()),
        };
    }

    private static double Number(JsonNode node) =>
        double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static int Rank(JsonNode? node) => node switch
    {
        null => 5,
        JsonArray => 3,
        JsonObject => 4,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.Number => 0,
            JsonValueKind.String => 1,
            JsonValueKind.True or JsonValueKind.False => 2,
            _ => 5,
        },
    };
}
