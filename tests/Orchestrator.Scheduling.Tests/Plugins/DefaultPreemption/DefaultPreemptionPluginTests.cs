using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;
using static Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption.PreemptionCase;

namespace Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption;

public sealed class DefaultPreemptionPluginTests
{
    // Nodes have 4,000m; the preemptor "p" has priority 10. On success the FitError has no preemption part.
    public static TheoryData<PreemptionCase> Choices => new()
    {
        // Both nodes need one eviction; n1's victim has priority 5, n2's priority 1, so n2.
        new("the node whose victims have the lowest priority is chosen",
            [NodeBuilder.Named("n1").Running(Pod("a", 3000, 5)), NodeBuilder.Named("n2").Running(Pod("b", 3000, 1))],
            Pod("p", 2000, 10), "n2", ["b"], "0/2 nodes are available: 2 Insufficient cpu."),

        // n1 must lose both 2,000m pods (one leaves 2,000m < 3,000m), n2 one 3,500m pod. All priority 1,
        // so the priority sum decides: 2 x (1 + 2^31) > 1 x (1 + 2^31), so n2.
        new("at equal priority the node with fewer victims is chosen",
            [NodeBuilder.Named("n1").Running(Pod("a1", 2000, 1), Pod("a2", 2000, 1)), NodeBuilder.Named("n2").Running(Pod("b", 3500, 1))],
            Pod("p", 3000, 10), "n2", ["b"], "0/2 nodes are available: 2 Insufficient cpu."),

        // All four removed leaves 4,000m free. Reprieved most important first: a (1,000m used) and b
        // (2,000m used, exactly 2,000m left) fit beside p; c would leave 1,000m, so c and d go.
        new("victims that are not needed are reprieved, most important first",
            [NodeBuilder.Named("n1").Running(Pod("a", 1000, 4), Pod("b", 1000, 3), Pod("c", 1000, 2), Pod("d", 1000, 1))],
            Pod("p", 2000, 10), "n1", ["c", "d"], "0/1 nodes are available: 1 Insufficient cpu."),

        // Equal priority: the pod that started earlier is the more important, so o is reprieved and w goes.
        new("at equal priority the newer pod is evicted",
            [NodeBuilder.Named("n1").Running(Pod("w", 2000, 1).StartedAt(10), Pod("o", 2000, 1).StartedAt(0))],
            Pod("p", 2000, 10), "n1", ["w"], "0/1 nodes are available: 1 Insufficient cpu."),

        // The taint and the cordon cannot be preempted away, so only n3 is dry-run, though its victim
        // has a higher priority than those on n1 and n2.
        new("nodes rejected for unresolvable reasons are skipped",
            [
                NodeBuilder.Named("n1").Taint("k", "v", TaintEffect.NoSchedule).Running(Pod("a", 3000, 1)),
                NodeBuilder.Named("n2").Cordoned().Running(Pod("c", 3000, 1)),
                NodeBuilder.Named("n3").Running(Pod("b", 3000, 5)),
            ],
            Pod("p", 2000, 10), "n3", ["b"],
            "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {k: v}, 1 node(s) were unschedulable."),

        // Spread counts n1 = 2, n2 = 1, so on n1 the skew is 2 + 1 - 1 = 2 > 1; n2 is out of cpu with only
        // priority-20 pods. Evicting w1 and w2 brings n1 to 0 (skew 1); w1 comes back (n1 = 1, min 1, skew 1),
        // w2 cannot (skew 2). Only right if RemovePod and AddPod keep the PreFilter counts up to date.
        new("a spread constraint is resolved by evicting matching pods",
            [
                NodeBuilder.Named("n1").Running(Web("w1", 1), Web("w2", 1)),
                NodeBuilder.Named("n2").Running(Web("w3", 20), Pod("h", 3900, 20)),
            ],
            Web("p", 10).Requests(200, 0).Spread(1, WellKnownLabels.Hostname, UnsatisfiableConstraintAction.DoNotSchedule, ("app", "web")),
            "n1", ["w2"], "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints."),
    };

    public static TheoryData<PreemptionCase> Refusals => new()
    {
        // a has p's own priority and b a higher one: neither may be evicted. "" clears any old nomination.
        new("pods of equal or higher priority are never evicted",
            [NodeBuilder.Named("n1").Running(Pod("a", 3000, 10)), NodeBuilder.Named("n2").Running(Pod("b", 3000, 20))],
            Pod("p", 2000, 10), "", [],
            "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.."),

        // Without b, n1 still has a's 2,500m: 1,500m free < 2,000m, so the dry run reports cpu; n2 is cordoned.
        new("a node where evicting every lower-priority pod is not enough",
            [NodeBuilder.Named("n1").Running(Pod("a", 2500, 10), Pod("b", 1000, 1)), NodeBuilder.Named("n2").Cordoned()],
            Pod("p", 2000, 10), "", [],
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable. "
            + "preemption: 0/2 nodes are available: 1 Insufficient cpu, 1 Preemption is not helpful for scheduling.."),

        // 5,000m is more than the node has at all: unresolvable, so preemption is not even tried.
        new("a pod bigger than every node",
            [NodeBuilder.Named("n1").Running(Pod("a", 1000, 1))],
            Pod("p", 5000, 10), "", [],
            "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.."),

        // Null: the pod's nomination, if any, is left alone.
        new("preemptionPolicy Never",
            [NodeBuilder.Named("n1").Running(Pod("a", 3000, 1))],
            Pod("p", 2000, 10).NeverPreempts(), null, [],
            "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.."),

        // p already preempted a, which is still shutting down: preempting again would evict more pods for the same room.
        new("victims still terminating on the nominated node hold off another preemption",
            [NodeBuilder.Named("n1").Running(Pod("a", 3000, 1).TerminatingByPreemption(), Pod("b", 500, 1))],
            Pod("p", 2000, 10).NominatedTo("n1"), null, [],
            "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.."),
    };

    [Theory]
    [MemberData(nameof(Choices))]
    public void Preemption_nominates_the_node_with_the_fewest_and_least_important_victims(PreemptionCase c) => c.AssertDecision();

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Preemption_refuses_when_no_eviction_of_lower_priority_pods_helps(PreemptionCase c) => c.AssertDecision();

    private static PodBuilder Web(string name, int priority) => Pod(name, 100, priority).Label("app", "web");
}
