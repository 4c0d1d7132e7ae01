using System.Text.Json.Nodes;
using Orchestrator.Tables.Printers;

namespace Orchestrator.Tables.Tests.Printers;

public class WorkloadPrinterTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private const string Workload = """
        {
          "metadata": {"name": "web", "creationTimestamp": "2024-01-01T11:56:40Z"},
          "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}, {"name": "log", "image": "busybox"}]}}
          },
          "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}
        }
        """;

    [Fact]
    public void A_deployment_prints_ready_over_desired_and_integer_counts()
    {
        var cells = new DeploymentPrinter().Print(Parse(Workload), Now).Cells;

        // Created 200 s ago: "3m20s".
        Assert.Equal("web", (string)cells[0]!);
        Assert.Equal("2/3", (string)cells[1]!);
        Assert.Equal(3L, (long)cells[2]!);
        Assert.Equal(2L, (long)cells[3]!);
        Assert.Equal("3m20s", (string)cells[4]!);
        Assert.Equal(["nginx,log", "nginx:1.27,busybox", "app=web"], cells.Skip(5).Select(c => (string)c!));
    }

    [Fact]
    public void A_deployment_without_status_or_replicas_prints_zero_over_the_default_of_one()
    {
        var cells = new DeploymentPrinter().Print(Parse("""{"metadata":{"name":"d"},"spec":{}}"""), Now).Cells;

        Assert.Equal("0/1", (string)cells[1]!);

        // An empty selector selects everything; the deployment printer shows that as an empty string.
        Assert.Equal("", (string)cells[7]!);
    }

    [Fact]
    public void A_replica_set_prints_desired_current_and_ready_as_integers()
    {
        var cells = new ReplicaSetPrinter().Print(Parse(Workload), Now).Cells;

        Assert.Equal("web", (string)cells[0]!);
        Assert.Equal([3L, 3L, 2L], cells.Skip(1).Take(3).Select(c => (long)c!));
        Assert.Equal(["3m20s", "nginx,log", "nginx:1.27,busybox", "app=web"], cells.Skip(4).Select(c => (string)c!));
    }

    [Fact]
    public void A_replica_set_without_a_selector_prints_none()
    {
        var cells = new ReplicaSetPrinter().Print(Parse("""{"metadata":{"name":"rs"},"spec":{"replicas":0}}"""), Now).Cells;

        Assert.Equal(0L, (long)cells[1]!);
        Assert.Equal("<none>", (string)cells[7]!);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
