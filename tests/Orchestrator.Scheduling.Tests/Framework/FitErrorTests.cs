using System.Collections.Immutable;
using Orchestrator.Scheduling.Framework;
using Orchestrator.Scheduling.Model;
using Orchestrator.Scheduling.Tests.Testing;

namespace Orchestrator.Scheduling.Tests.Framework;

public sealed class FitErrorTests
{
    private static readonly Status TaintReason = Status.Unresolvable("node(s) had untolerated taint {key: value}");

    [Fact]
    public void The_scheduler_reports_why_each_node_was_rejected_in_kubernetes_form()
    {
        var crowd = PodBuilder.Named("crowd").Requests(3500, 0).Build();
        var snapshot = Snapshot.Of(
        [
            NodeBuilder.Named("n1").Running(crowd),
            NodeBuilder.Named("n2").Running(crowd),
            NodeBuilder.Named("n3").Running(crowd),
            NodeBuilder.Named("n4").Taint("key", "value", TaintEffect.NoSchedule),
            NodeBuilder.Named("n5").Taint("key", "value", TaintEffect.NoExecute),
        ]);

        var result = new Scheduler(new Random(1)).Schedule(PodBuilder.Named("p").Requests(1000, 0), snapshot);

        // Reasons are counted per node, then sorted as strings the way Go's sort.Strings does: "2 ..." < "3 ...".
        // Preemption then adds its own: the tainted nodes are unresolvable, and "crowd" has the pod's own
        // priority, so there is nothing to evict; its message ends in ".." as kube-scheduler's does.
        Assert.False(result.IsScheduled);
        Assert.Equal(
            "0/5 nodes are available: 2 node(s) had untolerated taint {key: value}, 3 Insufficient cpu. "
            + "preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..",
            result.FitError!.Message);
        Assert.Equal(["NodeResourcesFit", "TaintToleration"], result.FitError.UnschedulablePlugins);
    }

    [Fact]
    public void Counts_sort_as_strings_not_numbers_as_in_kube_scheduler()
    {
        var statuses = Enumerable.Range(0, 19).ToImmutableDictionary(
            i => $"n{i}",
            i => i < 10 ? Status.Unschedulable("Insufficient cpu") : TaintReason);

        var error = new FitError(PodBuilder.Named("p"), 19, statuses);

        // "10 Insufficient cpu" sorts before "9 node(s)..." because '1' < '9'.
        Assert.Equal("0/19 nodes are available: 10 Insufficient cpu, 9 node(s) had untolerated taint {key: value}.", error.Message);
    }

    [Fact]
    public void A_node_with_several_reasons_counts_toward_each()
    {
        var statuses = new Dictionary<string, Status>
        {
            ["n1"] = Status.Unschedulable("Insufficient cpu", "Insufficient memory"),
            ["n2"] = Status.Unschedulable("Insufficient cpu"),
        }.ToImmutableDictionary();

        var error = new FitError(PodBuilder.Named("p"), 2, statuses);

        Assert.Equal("0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.", error.Message);
    }

    [Fact]
    public void A_PreFilter_rejection_is_stated_once_instead_of_per_node()
    {
        var statuses = new Dictionary<string, Status> { ["n1"] = TaintReason, ["n2"] = TaintReason }.ToImmutableDictionary();

        var error = new FitError(PodBuilder.Named("p"), 2, statuses, preFilterMessage: "no volume zone fits");

        Assert.Equal("0/2 nodes are available: no volume zone fits.", error.Message);
    }

    [Fact]
    public void A_PostFilter_message_follows_the_reasons()
    {
        var statuses = new Dictionary<string, Status> { ["n1"] = TaintReason }.ToImmutableDictionary();

        var error = new FitError(PodBuilder.Named("p"), 1, statuses, postFilterMessage: "preemption: not eligible due to preemptionPolicy=Never.");

        // kube-scheduler closes the PostFilter part with a period of its own, hence "..".
        Assert.Equal("0/1 nodes are available: 1 node(s) had untolerated taint {key: value}. preemption: not eligible due to preemptionPolicy=Never..", error.Message);
    }
}
