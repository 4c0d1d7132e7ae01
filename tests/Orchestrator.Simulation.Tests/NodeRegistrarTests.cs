using k8s;
using k8s.Models;

namespace Orchestrator.Simulation.Tests;

public sealed class NodeRegistrarTests
{
    private static readonly DateTime Now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly SimulatedNodeOptions Options = new() { Count = 3 };

    [Fact]
    public void A_stored_status_that_differs_only_in_the_conditions_times_is_the_same()
    {
        // As the API server returns it: through JSON, posted an hour earlier.
        var stored = RoundTrip(NodeTemplate.Status(Options, 1, Now.AddHours(-1), Now.AddHours(-2)));

        Assert.True(NodeRegistrar.SameStatus(stored, NodeTemplate.Status(Options, 1, Now, Now)));
    }

    [Fact]
    public void A_stored_status_with_other_allocatable_a_not_ready_condition_or_none_is_not_the_same()
    {
        var desired = NodeTemplate.Status(Options, 1, Now, Now);
        var smaller = RoundTrip(NodeTemplate.Status(Options with { Cpu = "2" }, 1, Now, Now));
        var notReady = RoundTrip(NodeTemplate.Status(Options, 1, Now, Now));
        notReady.Conditions.Single(c => c.Type == "Ready").Status = "Unknown";
        var otherNode = RoundTrip(NodeTemplate.Status(Options, 2, Now, Now));

        Assert.False(NodeRegistrar.SameStatus(smaller, desired));
        Assert.False(NodeRegistrar.SameStatus(notReady, desired));
        Assert.False(NodeRegistrar.SameStatus(otherNode, desired));
        Assert.False(NodeRegistrar.SameStatus(null, desired));
    }

    [Theory]
    [InlineData(5, 40, true)]
    [InlineData(39, 40, true)]
    [InlineData(41, 40, false)]
    [InlineData(600, 40, false)]
    public void A_lease_is_live_while_renewed_within_its_duration(int secondsAgo, int duration, bool live)
    {
        var lease = NodeTemplate.Lease("sim-0", "uid", Now.AddSeconds(-secondsAgo), duration);

        Assert.Equal(live, NodeRegistrar.Live(lease, Now));
    }

    [Fact]
    public void A_lease_without_a_renewal_is_not_live()
    {
        var lease = NodeTemplate.Lease("sim-0", "uid", Now, 40);
        lease.Spec.RenewTime = null;

        Assert.False(NodeRegistrar.Live(lease, Now));
    }

    private static V1NodeStatus RoundTrip(V1NodeStatus status) => KubernetesJson.Deserialize<V1NodeStatus>(KubernetesJson.Serialize(status));
}
