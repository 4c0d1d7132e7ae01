using k8s.Models;

namespace Orchestrator.Simulation.Tests;

public sealed class NodeTemplateTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 3, "zone-a")]
    [InlineData(2, 3, "zone-c")]
    [InlineData(3, 3, "zone-a")]
    [InlineData(25, 30, "zone-z")]
    [InlineData(26, 30, "zone-aa")]
    [InlineData(7, 1, "zone-a")]
    public void Nodes_are_dealt_round_robin_into_lettered_zones(int index, int zones, string expected)
    {
        Assert.Equal(expected, NodeTemplate.Zone(index, zones));
    }

    [Fact]
    public void A_node_carries_the_well_known_labels_and_the_simulated_marker()
    {
        var node = NodeTemplate.Node(new SimulatedNodeOptions { Count = 5 }, 4, Now);

        Assert.Equal("sim-4", node.Metadata.Name);
        Assert.Equal("sim-4", node.Metadata.Labels["kubernetes.io/hostname"]);
        Assert.Equal("linux", node.Metadata.Labels["kubernetes.io/os"]);
        Assert.Equal("amd64", node.Metadata.Labels["kubernetes.io/arch"]);
        Assert.Equal("zone-b", node.Metadata.Labels[NodeTemplate.ZoneLabel]);
        Assert.Equal("true", node.Metadata.Labels[NodeTemplate.SimulatedLabel]);
        Assert.Equal("true", node.Metadata.Annotations[NodeTemplate.SimulatedLabel]);
        Assert.Equal("10.244.4.0/24", node.Spec.PodCIDR);
    }

    [Fact]
    public void Capacity_and_allocatable_are_the_chosen_sizes()
    {
        var options = new SimulatedNodeOptions { Count = 1, Cpu = "8", Memory = "16Gi", Pods = 50, EphemeralStorage = "20Gi" };

        var status = NodeTemplate.Node(options, 0, Now).Status;

        var expected = new Dictionary<string, string> { ["cpu"] = "8", ["memory"] = "16Gi", ["pods"] = "50", ["ephemeral-storage"] = "20Gi" };
        Assert.Equal(expected, status.Capacity.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()));
        Assert.Equal(expected, status.Allocatable.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()));
        Assert.Equal("simulated://1.0.0", status.NodeInfo.ContainerRuntimeVersion);
        Assert.Equal(["InternalIP:172.16.0.1", "Hostname:sim-0"], status.Addresses.Select(a => $"{a.Type}:{a.Address}"));
    }

    [Fact]
    public void A_healthy_node_is_ready_with_no_pressure_and_keeps_its_transition_time_on_refresh()
    {
        var later = Now.AddMinutes(5);

        var conditions = NodeTemplate.Conditions(later, Now);

        Assert.Equal(["MemoryPressure=False", "DiskPressure=False", "PIDPressure=False", "Ready=True"], conditions.Select(c => $"{c.Type}={c.Status}"));
        Assert.All(conditions, c => Assert.Equal((later, Now), (c.LastHeartbeatTime!.Value, c.LastTransitionTime!.Value)));
    }

    [Fact]
    public void The_lease_is_held_by_the_node_for_its_duration_and_owned_by_it()
    {
        var lease = NodeTemplate.Lease("sim-1", "uid-1", Now, 10);

        Assert.Equal(("sim-1", "kube-node-lease"), (lease.Metadata.Name, lease.Metadata.NamespaceProperty));
        Assert.Equal(("sim-1", 10, Now), (lease.Spec.HolderIdentity, lease.Spec.LeaseDurationSeconds!.Value, lease.Spec.RenewTime!.Value));
        var owner = Assert.Single(lease.Metadata.OwnerReferences);
        Assert.Equal(("Node", "sim-1", "uid-1"), (owner.Kind, owner.Name, owner.Uid));
    }
}
