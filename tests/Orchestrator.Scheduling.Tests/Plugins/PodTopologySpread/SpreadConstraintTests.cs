using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Plugins.PodTopologySpread;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Plugins.PodTopologySpread;

public sealed class SpreadConstraintTests
{
    private static readonly TopologySpreadConstraint Hostname =
        new(1, WellKnownLabels.Hostname, UnsatisfiableConstraintAction.ScheduleAnyway, LabelSelector.Everything);

    [Theory]
    [InlineData("rs-1", 2)]
    [InlineData("rs-2", 1)]
    [InlineData("rs-3", 0)]
    public void An_owner_constraint_counts_that_owners_pods_even_when_copied_with_another_owner(string owner, int expected)
    {
        NodeInfo node = NodeBuilder.Named("n1").Running(
            PodBuilder.Named("a").OwnedBy(new string("rs-1".AsSpan())),
            PodBuilder.Named("b").OwnedBy(new string("rs-1".AsSpan())),
            PodBuilder.Named("c").OwnedBy("rs-2"));

        var direct = SpreadConstraint.ForOwner(Hostname, owner);
        var copied = SpreadConstraint.ForOwner(Hostname, "other") with { OwnerUid = owner };

        Assert.Equal(expected, direct.CountOn(PodBuilder.Named("new"), node));
        Assert.Equal(expected, copied.CountOn(PodBuilder.Named("new"), node));
    }
}
