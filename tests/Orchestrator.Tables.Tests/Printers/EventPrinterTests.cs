using System.Text.Json.Nodes;
using Orchestrator.Tables.Printers;

namespace Orchestrator.Tables.Tests.Printers;

public class EventPrinterTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_core_event_prints_last_seen_type_reason_object_and_message()
    {
        var ev = Parse("""
            {
              "metadata": {"name": "web-1.17a", "namespace": "default"},
              "involvedObject": {"kind": "Pod", "name": "web-1", "fieldPath": "spec.containers{app}"},
              "reason": "Pulled", "type": "Normal", "message": "  Pulled image \"nginx\"\n",
              "source": {"component": "kubelet", "host": "n1"},
              "firstTimestamp": "2024-01-01T11:00:00Z", "lastTimestamp": "2024-01-01T11:59:30Z", "count": 3
            }
            """);

        var cells = new EventPrinter().Print(ev, Now).Cells;

        // Last seen 30 s ago, first seen 60 min ago; the message is trimmed.
        Assert.Equal(["30s", "Normal", "Pulled", "pod/web-1", "spec.containers{app}", "kubelet, n1", "Pulled image \"nginx\"", "60m"], cells.Take(8).Select(c => (string)c!));
        Assert.Equal(3L, (long)cells[8]!);
        Assert.Equal("web-1.17a", (string)cells[9]!);
    }

    [Fact]
    public void A_new_style_event_uses_event_time_series_and_reporting_controller()
    {
        var ev = Parse("""
            {
              "metadata": {"name": "e"},
              "involvedObject": {"kind": "Node"},
              "eventTime": "2024-01-01T11:58:00.000000Z",
              "series": {"count": 7, "lastObservedTime": "2024-01-01T11:59:50.000000Z"},
              "reportingController": "scheduler"
            }
            """);

        var cells = new EventPrinter().Print(ev, Now).Cells;

        // No firstTimestamp: first seen is eventTime (120 s -> "2m"); the series gives last seen (10s) and the count.
        Assert.Equal("10s", (string)cells[0]!);
        Assert.Equal("node", (string)cells[3]!);
        Assert.Equal("scheduler", (string)cells[5]!);
        Assert.Equal("2m", (string)cells[7]!);
        Assert.Equal(7L, (long)cells[8]!);
    }

    [Fact]
    public void A_singleton_event_without_count_counts_one_and_last_seen_falls_back_to_first_seen()
    {
        var cells = new EventPrinter().Print(Parse("""{"firstTimestamp":"2024-01-01T11:59:00Z"}"""), Now).Cells;

        Assert.Equal("60s", (string)cells[0]!);
        Assert.Equal(1L, (long)cells[8]!);
    }

    [Fact]
    public void An_events_k8s_io_event_prints_like_the_core_event_it_converts_to()
    {
        var ev = Parse("""
            {
              "apiVersion": "events.k8s.io/v1", "kind": "Event",
              "metadata": {"name": "e2"},
              "regarding": {"kind": "Deployment", "name": "web"},
              "note": "Scaled up replica set web-5d to 3", "reason": "ScalingReplicaSet", "type": "Normal",
              "deprecatedSource": {"component": "deployment-controller"},
              "deprecatedFirstTimestamp": "2024-01-01T11:00:00Z", "deprecatedLastTimestamp": "2024-01-01T11:55:00Z", "deprecatedCount": 2,
              "reportingInstance": "cp-1"
            }
            """);

        var cells = new EventsV1EventPrinter().Print(ev, Now).Cells;

        // The host falls back to reportingInstance, giving "deployment-controller, cp-1".
        Assert.Equal(
            ["5m", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller, cp-1", "Scaled up replica set web-5d to 3", "60m"],
            cells.Take(8).Select(c => (string)c!));
        Assert.Equal(2L, (long)cells[8]!);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
