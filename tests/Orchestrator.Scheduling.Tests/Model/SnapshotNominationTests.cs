using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Model;

public sealed class SnapshotNominationTests
{
    private static readonly Snapshot TwoNodes = Snapshot.Of([NodeBuilder.Named("n1"), NodeBuilder.Named("n2")]);

    [Fact]
    public void A_new_nomination_moves_the_pod_and_an_empty_one_drops_it()
    {
        var p = PodBuilder.Named("p").Priority(10).Build();

        var onN1 = TwoNodes.WithNominatedPods([p with { NominatedNodeName = "n1" }]);
        var moved = onN1.WithNominatedPods([p with { NominatedNodeName = "n2" }]);
        var dropped = moved.WithNominatedPods([p with { NominatedNodeName = "" }]);

        Assert.Equal(["p"], onN1.NominatedPodsOn("n1").Select(n => n.Name));
        Assert.Empty(moved.NominatedPodsOn("n1"));
        Assert.Equal(["p"], moved.NominatedPodsOn("n2").Select(n => n.Name));
        Assert.False(dropped.HasNominatedPods);
        Assert.False(TwoNodes.HasNominatedPods);
    }

    [Fact]
    public void Assuming_a_pod_drops_its_nomination_and_keeps_everything_else()
    {
        var budget = new PodDisruptionBudget("default", "web", LabelSelector.Of(("app", "web")), 1);
        var p = PodBuilder.Named("p").NominatedTo("n1").Build();
        var q = PodBuilder.Named("q").NominatedTo("n1").Build();
        var snapshot = TwoNodes.WithDisruptionBudgets([budget]).WithNominatedPods([p, q]);

        var after = snapshot.WithPod(p, "n1");

        Assert.Equal(["q"], after.NominatedPodsOn("n1").Select(n => n.Name));
        Assert.Same(budget, Assert.Single(after.DisruptionBudgets));
        Assert.Equal(2, snapshot.NominatedPodsOn("n1").Length);
    }
}
