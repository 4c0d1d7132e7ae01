using System.Text.Json.Nodes;

namespace Orchestrator.Tables.Printers;

/// <summary>A row's cells (strings, integers, booleans) and its optional TableRowConditions.</summary>
internal sealed record PrintedRow(JsonArray Cells, JsonArray? Conditions = null)
{
    public static PrintedRow Of(params JsonNode?[] cells) => new(new JsonArray(cells));
}
