using System.Text.Json.Nodes;

namespace Orchestrator.Patching;

/// <summary>
/// Orders a merged list as Kubernetes does: the items the patch names keep the patch's order, the items only the
/// server has keep the server's order, and the two are interleaved by where they stood on the server.
/// Items are identified by their merge key value, or by their own value in lists of scalars.
/// </summary>
internal static class ElementOrder
{
    public static JsonNode? IdentityOf(JsonNode? item, string? mergeKey) =>
        mergeKey is null ? item : (item as JsonObject)?[mergeKey];

    public static List<JsonNode?> Identities(IEnumerable<JsonNode?> items, string? mergeKey) =>
        items.Select(i => IdentityOf(i, mergeKey)?.DeepClone()).ToList();

    public static int IndexOf(IReadOnlyList<JsonNode?> identities, JsonNode? item, string? mergeKey)
    {
        var identity = IdentityOf(item, mergeKey);
        for (var i = 0; i < identities.Count; i++)
        {
            if (JsonNode.DeepEquals(identities[i], identity))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Orders <paramref name="merged"/>: items in <paramref name="patchOrder"/> by it, the rest by <paramref name="serverOrder"/>.</summary>
    public static List<JsonNode?> Apply(
        IEnumerable<JsonNode?> merged, IReadOnlyList<JsonNode?> patchOrder, IReadOnlyList<JsonNode?> serverOrder, string? mergeKey)
    {
        var items = merged.ToList();
        var inPatch = items.Where(i => IndexOf(patchOrder, i, mergeKey) >= 0);
        var serverOnly = items.Where(i => IndexOf(patchOrder, i, mergeKey) < 0);
        return Interleave(
            SortBy(serverOnly, serverOrder, mergeKey),
            SortBy(inPatch, patchOrder, mergeKey),
            serverOrder,
            mergeKey);
    }

    // OrderBy is stable; items the order does not know stay after the ones it does.
    private static List<JsonNode?> SortBy(IEnumerable<JsonNode?> items, IReadOnlyList<JsonNode?> order, string? mergeKey) =>
        items.OrderBy(i => IndexOf(order, i, mergeKey) is var index and >= 0 ? index : int.MaxValue).ToList();

    /// <summary>
    /// Inserts each server-only item before the first patch item that stood after it on the server; when
    /// either item is unknown to the server the patch item goes first.
    /// </summary>
    private static List<JsonNode?> Interleave(
        List<JsonNode?> serverOnly, List<JsonNode?> patchItems, IReadOnlyList<JsonNode?> serverOrder, string? mergeKey)
    {
        var result = new List<JsonNode?>(serverOnly.Count + patchItems.Count);
        int s = 0, p = 0;
        while (s < serverOnly.Count || p < patchItems.Count)
        {
            if (p >= patchItems.Count)
            {
                result.Add(serverOnly[s++]);
                continue;
            }
            if (s >= serverOnly.Count)
            {
                result.Add(patchItems[p++]);
                continue;
            }
            var left = IndexOf(serverOrder, serverOnly[s], mergeKey);
            var right = IndexOf(serverOrder, patchItems[p], mergeKey);
            result.Add(left >= 0 && right >= 0 && left < right ? serverOnly[s++] : patchItems[p++]);
        }
        return result;
    }
}
