using Orchestrator.Controllers.PodGarbageCollection;
using static Orchestrator.Controllers.Tests.Testing.Objects;

namespace Orchestrator.Controllers.Tests.PodGarbageCollection;

public sealed class PodGcCoreTests
{
    private static readonly PodGcOptions Options = new() { TerminatedPodThreshold = 0, Quarantine = TimeSpan.FromSeconds(40) };

    private static readonly Dictionary<string, PodGcNode> Nodes = new(StringComparer.Ordinal)
    {
        ["live"] = new("live", Ready: true, OutOfService: false),
        ["dead"] = new("dead", Ready: false, OutOfService: false),
        ["out"] = new("out", Ready: false, OutOfService: true),
        ["ready-out"] = new("ready-out", Ready: true, OutOfService: true),
    };

    [Fact]
    public void A_pod_evicted_from_a_dead_node_stays_terminating_as_in_kube_until_the_node_is_out_of_service()
    {
        var core = new PodGcCore(Options);
        PodGcPod[] pods = [Pod("on-dead", "dead", terminating: true), Pod("on-out", "out", terminating: true), Pod("running-on-out", "out"), Pod("on-ready-out", "ready-out", terminating: true)];

        var deletions = core.Collect(Now, pods, Nodes);

        // Only a terminating pod on a not-ready node with the out-of-service taint: the admin said the node is gone.
        var deletion = Assert.Single(deletions);
        Assert.Equal(("on-out", PodGcReason.TerminatingOutOfService), (deletion.Pod.Name, deletion.Reason));
    }

    [Fact]
    public void Pods_of_a_deleted_node_are_force_deleted_once_it_has_been_missing_for_the_quarantine_period()
    {
        var core = new PodGcCore(Options);
        PodGcPod[] pods = [Pod("a", "gone"), Pod("b", "gone", terminating: true), Pod("c", "live")];

        var first = core.Collect(Now, pods, Nodes);
        var early = core.Collect(Now.AddSeconds(39), pods, Nodes);
        var due = core.Collect(Now.AddSeconds(40), pods, Nodes);

        Assert.Empty(first);
        Assert.Empty(early);
        Assert.Equal([("a", PodGcReason.Orphaned), ("b", PodGcReason.Orphaned)], due.Select(d => (d.Pod.Name, d.Reason)));
    }

    [Fact]
    public void A_node_that_comes_back_within_the_quarantine_keeps_its_pods_and_a_later_absence_starts_a_new_quarantine()
    {
        var core = new PodGcCore(Options);
        PodGcPod[] pods = [Pod("a", "flaky")];
        var back = new Dictionary<string, PodGcNode>(Nodes) { ["flaky"] = new("flaky", true, false) };

        core.Collect(Now, pods, Nodes);
        Assert.Empty(core.Collect(Now.AddSeconds(20), pods, back));
        Assert.Empty(core.Collect(Now.AddSeconds(30), pods, Nodes));
        Assert.Empty(core.Collect(Now.AddSeconds(69), pods, Nodes));
        Assert.Single(core.Collect(Now.AddSeconds(70), pods, Nodes));
    }

    [Fact]
    public void A_terminating_pod_that_was_never_bound_is_force_deleted_at_once()
    {
        var core = new PodGcCore(Options);

        var deletion = Assert.Single(core.Collect(Now, [Pod("pending", null, terminating: true), Pod("waiting", null)], Nodes));

        Assert.Equal(("pending", PodGcReason.TerminatingUnscheduled), (deletion.Pod.Name, deletion.Reason));
    }

    [Fact]
    public void Over_the_threshold_the_oldest_terminated_pods_go_evicted_ones_first()
    {
        var core = new PodGcCore(Options with { TerminatedPodThreshold = 2 });
        PodGcPod[] pods =
        [
            Pod("new-done", "live", phase: "Succeeded", age: 1),
            Pod("old-failed", "live", phase: "Failed", age: 30),
            Pod("evicted", "live", phase: "Failed", age: 5) with { Evicted = true },
            Pod("mid-done", "live", phase: "Succeeded", age: 10),
            Pod("running", "live", age: 99),
        ];

        var deletions = core.Collect(Now, pods, Nodes);

        // Four terminated, two kept: the evicted one first, then the oldest.
        Assert.Equal([("evicted", PodGcReason.Terminated), ("old-failed", PodGcReason.Terminated)], deletions.Select(d => (d.Pod.Name, d.Reason)));
    }

    [Fact]
    public void A_threshold_of_zero_keeps_every_terminated_pod_and_a_pod_is_deleted_once_for_several_reasons()
    {
        var core = new PodGcCore(Options);
        PodGcPod[] pods = [Pod("done", "live", phase: "Succeeded"), Pod("both", "out", phase: "Failed", terminating: true)];

        var deletions = core.Collect(Now, pods, Nodes);

        Assert.Equal([("both", PodGcReason.TerminatingOutOfService)], deletions.Select(d => (d.Pod.Name, d.Reason)));
    }

    private static PodGcPod Pod(string name, string? node, bool terminating = false, string phase = "Running", int age = 0) =>
        new("default", name, name + "-uid", node, phase, terminating, Now.AddSeconds(-age));
}
