using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;
using static Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption.PreemptionCase;

namespace Orchestrator.Scheduling.Tests.Plugins.DefaultPreemption;

public sealed class PreemptionFlowTests
{
    // "low" (priority 1) and "mid" (priority 5) each hold 3,000m of a 4,000m node; "p" needs 3,000m at priority 10.
    private static readonly PodInfo Low = Pod("low", 3000, 1);
    private static readonly PodInfo Mid = Pod("mid", 3000, 5);
    private static readonly PodInfo Preemptor = Pod("p", 3000, 10);

    [Fact]
    public void The_edge_evicts_the_victims_nominates_the_pod_and_binds_it_once_room_is_made()
    {
        var scheduler = new Scheduler(new Random(1));

        // 1. Nothing fits; evicting "low" makes room on n1, so p is nominated there.
        var preempted = scheduler.Schedule(Preemptor, Cluster(Low));
        Assert.False(preempted.IsScheduled);
        Assert.Equal("n1", preempted.NominatedNodeName);
        Assert.Equal(("low", "n1"), (preempted.Victims.Single().Name, preempted.Victims.Single().NodeName));
        Assert.Equal("0/2 nodes are available: 2 Insufficient cpu.", preempted.FitError!.Message);

        // 2. The edge evicts "low" gracefully and writes the nomination. While "low" terminates, a retry
        //    must not preempt again (it would find n1 still full), and must keep the nomination (null).
        var nominated = Preemptor with { NominatedNodeName = "n1" };
        var terminating = Cluster(Low with { TerminatingByPreemption = true }).WithNominatedPods([nominated]);
        var waiting = scheduler.Schedule(nominated, terminating);
        Assert.Null(waiting.NominatedNodeName);
        Assert.Empty(waiting.Victims);

        // 3. "low" is gone. A priority-0 pod cannot take the freed room (3,000m reserved + 2,000m > 4,000m).
        var freed = Cluster().WithNominatedPods([nominated]);
        Assert.False(scheduler.Schedule(Pod("late", 2000, 0), freed).IsScheduled);

        // 4. p tries its nominated node first and gets it.
        var bound = scheduler.Schedule(nominated, freed);
        Assert.Equal("n1", bound.SelectedNode);
        Assert.Equal(1, bound.EvaluatedNodes);

        // 5. Once assumed, the nomination is gone from the snapshot.
        Assert.Empty(freed.WithPod(nominated, "n1").NominatedPodsOn("n1"));
    }

    [Fact]
    public void Preemption_replays_whatever_the_seed_and_spreads_over_equal_nodes_by_pod()
    {
        // Twenty identical nodes, each with one priority-1 pod in the way: every node is an equally good candidate.
        var snapshot = Snapshot.Of(Enumerable.Range(0, 20).Select(i => (NodeInfo)NodeBuilder.Named($"n{i}").Running(Pod($"low{i}", 3000, 1))));
        var pods = Enumerable.Range(0, 10).Select(i => (PodInfo)Pod($"p{i}", 3000, 10)).ToList();

        var first = pods.Select(p => new Scheduler(new Random(1)).Schedule(p, snapshot)).ToList();
        var second = pods.Select(p => new Scheduler(new Random(99)).Schedule(p, snapshot)).ToList();

        Assert.Equal(first.Select(r => r.NominatedNodeName), second.Select(r => r.NominatedNodeName));
        Assert.Equal(first.Select(r => r.Victims.Single().Name), second.Select(r => r.Victims.Single().Name));

        // Like kube-scheduler's random offset, different pods start the dry run at different nodes.
        Assert.True(first.Select(r => r.NominatedNodeName).Distinct().Count() > 1);
    }

    [Fact]
    public void A_profile_without_DefaultPreemption_reports_only_the_filters()
    {
        var profile = Profile.Default.Without("DefaultPreemption");

        var result = new Scheduler([profile], new Random(1)).Schedule(Preemptor, Cluster(Low));

        Assert.Null(result.NominatedNodeName);
        Assert.Empty(result.Victims);
        Assert.Equal("0/2 nodes are available: 2 Insufficient cpu.", result.FitError!.Message);
    }

    // n1 holds the given pods, n2 holds "mid".
    private static Snapshot Cluster(params PodInfo[] onN1) =>
        Snapshot.Of([NodeBuilder.Named("n1").Running(onN1), NodeBuilder.Named("n2").Running(Mid)]);
}
