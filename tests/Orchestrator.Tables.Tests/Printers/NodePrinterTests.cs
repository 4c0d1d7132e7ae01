using System.Text.Json.Nodes;
using Orchestrator.Tables.Printers;

namespace Orchestrator.Tables.Tests.Printers;

public class NodePrinterTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 10, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""[{"type":"Ready","status":"True"}]""", false, "Ready")]
    [InlineData("""[{"type":"Ready","status":"False"}]""", false, "NotReady")]
    [InlineData("""[{"type":"Ready","status":"Unknown"}]""", false, "NotReady")]
    [InlineData("""[{"type":"MemoryPressure","status":"False"}]""", false, "Unknown")]
    [InlineData("[]", false, "Unknown")]
    [InlineData("""[{"type":"Ready","status":"True"}]""", true, "Ready,SchedulingDisabled")]
    [InlineData("[]", true, "Unknown,SchedulingDisabled")]
    public void Status_comes_from_the_Ready_condition_and_cordoning(string conditions, bool unschedulable, string expected)
    {
        var node = new JsonObject
        {
            ["spec"] = new JsonObject { ["unschedulable"] = unschedulable },
            ["status"] = new JsonObject { ["conditions"] = JsonNode.Parse(conditions) },
        };

        Assert.Equal(expected, NodePrinter.Status(node));
    }

    [Fact]
    public void Roles_come_from_role_labels_sorted_and_deduplicated()
    {
        var node = JsonNode.Parse("""
            {"metadata":{"labels":{
              "node-role.kubernetes.io/worker":"",
              "node-role.kubernetes.io/control-plane":"",
              "node-role.kubernetes.io/":"",
              "kubernetes.io/role":"worker",
              "kubernetes.io/hostname":"n1"}}}
            """)!.AsObject();

        Assert.Equal(["control-plane", "worker"], NodePrinter.Roles(node));
    }

    [Fact]
    public void A_full_row_has_version_addresses_and_node_info()
    {
        var node = JsonNode.Parse("""
            {
              "metadata": {"name": "n1", "creationTimestamp": "2024-01-07T21:00:00Z"},
              "status": {
                "conditions": [{"type": "Ready", "status": "True"}],
                "addresses": [{"type": "Hostname", "address": "n1"}, {"type": "InternalIP", "address": "10.0.0.1"}],
                "nodeInfo": {"kubeletVersion": "v1.32.0", "osImage": "Ubuntu 24.04", "kernelVersion": "6.8.0", "containerRuntimeVersion": "containerd://2.0.0"}
              }
            }
            """)!.AsObject();

        var cells = new NodePrinter().Print(node, Now).Cells;

        // 51 hours old: at least 48 h and under 8 days, so days and hours, "2d3h".
        Assert.Equal(
            ["n1", "Ready", "<none>", "2d3h", "v1.32.0", "10.0.0.1", "<none>", "Ubuntu 24.04", "6.8.0", "containerd://2.0.0"],
            cells.Select(c => (string)c!));
    }

    [Fact]
    public void Missing_node_info_prints_unknown()
    {
        var cells = new NodePrinter().Print(JsonNode.Parse("""{"metadata":{"name":"n1"}}""")!.AsObject(), Now).Cells;

        Assert.Equal(["<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>"], cells.Skip(3).Select(c => (string)c!));
    }
}
