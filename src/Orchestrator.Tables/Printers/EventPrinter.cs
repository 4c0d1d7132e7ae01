using System.Text.Json.Nodes;
using Orchestrator.Tables.Formatting;

namespace Orchestrator.Tables.Printers;

/// <summary>printEvent for core/v1 Events: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; wide adds source and counts.</summary>
internal sealed class EventPrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        new("Last Seen", "string", Descriptions.EventLastTimestamp),
        new("Type", "string", Descriptions.EventType),
        new("Reason", "string", Descriptions.EventReason),
        new("Object", "string", Descriptions.EventInvolvedObject),
        TableColumn.Wide("Subobject", "string", Descriptions.ObjectReferenceFieldPath),
        TableColumn.Wide("Source", "string", Descriptions.EventSource),
        new("Message", "string", Descriptions.EventMessage),
        TableColumn.Wide("First Seen", "string", Descriptions.EventFirstTimestamp),
        TableColumn.Wide("Count", "string", Descriptions.EventCount),
        new("Name", "string", Descriptions.ObjectMetaName, Priority: 1, Format: "name"),
    ];

    public PrintedRow Print(JsonObject ev, DateTimeOffset now)
    {
        // Events from the new API have eventTime instead of firstTimestamp, and a series instead of a count.
        var firstSeen = HumanDuration.Since(ev.Time("firstTimestamp") ?? ev.Time("eventTime"), now);
        var lastSeen = ev.Time("lastTimestamp") is { } last ? HumanDuration.Since(last, now) : firstSeen;
        var count = ev.Long("count");
        if (ev.At("series") is JsonObject series)
        {
            lastSeen = HumanDuration.Since(series.Time("lastObservedTime"), now);
            count = series.Long("count");
        }
        else if (count == 0)
        {
            count = 1;
        }

        var kind = ev.Str("involvedObject", "kind").ToLowerInvariant();
        var name = ev.Str("involvedObject", "name");
        return PrintedRow.Of(
            lastSeen,
            ev.Str("type"),
            ev.Str("reason"),
            name.Length > 0 ? $"{kind}/{name}" : kind,
            ev.Str("involvedObject", "fieldPath"),
            Source(ev),
            ev.Str("message").Trim(),
            firstSeen,
            count,
            ObjectAge.Name(ev));
    }

    // "component, host", falling back to reportingController / reportingInstance; no ", " when there is no host.
    private static string Source(JsonObject ev)
    {
        var component = FirstNonEmpty(ev.Str("source", "component"), ev.Str("reportingController"));
        var instance = FirstNonEmpty(ev.Str("source", "host"), ev.Str("reportingInstance"));
        return instance.Length == 0 ? component : $"{component}, {instance}";
    }

    private static string FirstNonEmpty(string a, string b) => a.Length > 0 ? a : b;
}
