using System.Text.Json.Nodes;

namespace Orchestrator.Tables.Printers;

/// <summary>events.k8s.io/v1 Events print exactly like core Events: Kubernetes converts them to one internal type first.</summary>
internal sealed class EventsV1EventPrinter : ITablePrinter
{
    // events.k8s.io/v1 field -> core/v1 field, as in the events/v1 conversion functions.
    private static readonly (string From, string To)[] Renames =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    private static readonly string[] Kept = ["metadata", "type", "reason", "eventTime", "series", "reportingController", "reportingInstance"];

    private readonly EventPrinter _core = new();

    public IReadOnlyList<TableColumn> Columns => _core.Columns;

    public PrintedRow Print(JsonObject ev, DateTimeOffset now) => _core.Print(ToCore(ev), now);

    internal static JsonObject ToCore(JsonObject ev)
    {
        var core = new JsonObject();
        foreach (var key in Kept)
        {
            if (ev[key] is { } value)
            {
                core[key] = value.DeepClone();
            }
        }

        foreach (var (from, to) in Renames)
        {
            if (ev[from] is { } value)
            {
                core[to] = value.DeepClone();
            }
        }

        return core;
    }
}
